package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** What a crashed process left behind is found and removed; what a live run owns is not. */
class LeftoverRecoveryTest extends RealRuntimeTest {

    /** The orphan is started with runc's own CLI, the way a crashed run leaves it. */
    @Override
    String runtime() {
        return "runc";
    }

    /** Starts a detached container the way a run would, then "crashes": nobody waits for it. */
    String startOrphan() throws Exception {
        String id = ContainerIds.newAttempt("crashed");
        Path rootfs = properties.rootfs();
        Path bundle = new RunBundles(properties.dataDir()).create(id,
                new SandboxJob("crashed", "import time\ntime.sleep(60)", "", LIMITS),
                files -> OciBundleConfig.build(new BundleSpec(id, rootfs, files, properties.specFor(LIMITS),
                        System.getProperty("os.arch"), OciRuntime.RUNC)));
        List<String> command = new ArrayList<>(List.of(SandboxRuntimes.locate("runc").toString(),
                "--root", properties.stateDir().toString(), "run", "--detach", "--bundle", bundle.toString(), id));
        Process start = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(start.waitFor()).isZero();
        return id;
    }

    @Test
    void removesContainersCgroupsAndBundlesOfACrashedRun() throws Exception {
        String orphan = startOrphan();
        assertThat(cli().listIds()).contains(orphan);

        List<String> removed = runner.removeLeftovers();

        assertThat(removed).contains("container " + orphan, "bundle " + orphan);
        assertNoTraceOf("crashed");
    }

    @Test
    void leavesRunningSandboxesAlone() throws Exception {
        CompletableFuture<SandboxResult> busy = CompletableFuture.supplyAsync(() -> runner.run(
                new SandboxJob("busy", "import time\ntime.sleep(1)\nprint('done')", "", LIMITS)));
        while (cli().listIds().stream().noneMatch(id -> id.startsWith(ContainerIds.PREFIX + "busy-"))) {
            Thread.sleep(20);
        }

        assertThat(runner.removeLeftovers()).isEmpty();

        assertThat(busy.join().outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(busy.join().output()).isEqualTo("done\n");
    }

    @Test
    void removesEmptyCgroupFoldersAbandonedLongAgo() throws Exception {
        // Left by a runtime whose container and state are gone (not in our state root): empty, and older than any run.
        Path pids = CGROUP_ROOT.resolve("pids").resolve(OciBundleConfig.CGROUP_PARENT);
        String suffix = ContainerIds.newAttempt("").substring(ContainerIds.PREFIX.length());
        Path abandoned = Files.createDirectories(pids.resolve("i8s-abandoned" + suffix));
        Path young = Files.createDirectories(pids.resolve("i8s-young" + suffix));
        Path occupied = Files.createDirectories(pids.resolve("i8s-occupied" + suffix));
        FileTime longAgo = FileTime.from(Instant.now().minus(LeftoverSweeper.ABANDONED_AFTER).minusSeconds(60));
        Files.setLastModifiedTime(abandoned, longAgo);
        Files.setLastModifiedTime(occupied, longAgo);
        Process member = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(occupied.resolve("cgroup.procs"), Long.toString(member.pid()));

            runner.removeLeftovers();

            assertThat(abandoned).doesNotExist();
            assertThat(young).exists();
            assertThat(occupied).exists();
            assertThat(member.isAlive()).isTrue();
        } finally {
            member.destroyForcibly().waitFor();
            Thread.sleep(100); // the killed member leaves the cgroup
            for (Path dir : List.of(abandoned, young, occupied)) {
                Files.deleteIfExists(dir);
            }
        }
    }

    @Test
    void neverTouchesTheCgroupsOfAnotherInstance() throws Exception {
        // Empty: like the cgroup of a container another instance is creating right now.
        Path empty = Files.createDirectories(
                CGROUP_ROOT.resolve("pids").resolve(OciBundleConfig.CGROUP_PARENT).resolve("i8s-foreign-empty-0000"));
        Path live = Files.createDirectories(
                CGROUP_ROOT.resolve("pids").resolve(OciBundleConfig.CGROUP_PARENT).resolve("i8s-foreign-live-0000"));
        Process member = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(live.resolve("cgroup.procs"), Long.toString(member.pid()));

            assertThat(runner.removeLeftovers()).isEmpty();

            assertThat(member.isAlive()).isTrue();
            assertThat(live).exists();
            assertThat(empty).exists();
        } finally {
            member.destroyForcibly().waitFor();
            Thread.sleep(100); // the killed member leaves the cgroup
            Files.deleteIfExists(live);
            Files.deleteIfExists(empty);
        }
    }
}
