package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One real runner of {@link #runtime()} per test class, with the shipped settings in a fresh data dir, that must
 * leave nothing behind. A runtime that is not installed, or cannot start a container on this machine (crun with
 * a cgroup2 mount that holds a controller), skips its tests with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealRuntimeTest {

    static final ExecutionLimits LIMITS = new ExecutionLimits(10, 128, 1000);
    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    SandboxProperties properties;
    OciSandboxRunner runner;

    /** runc, crun or runsc. */
    abstract String runtime();

    /** Why this runtime's tests are skipped here; null when it runs. */
    private String unavailable;
    private Map<Path, FileTime> imageBefore;

    @BeforeAll
    void startRunner(@TempDir Path dataDir) throws IOException {
        properties = ShippedSettings.sandbox(runtime(), dataDir);
        imageBefore = foldersSandboxesCouldChange(properties.rootfs());
        try {
            runner = new OciSandboxRunner(properties);
        } catch (SandboxUnavailableException missing) {
            unavailable = missing.getMessage();
            return;
        }
        SandboxResult probe = run("print('ready')");
        if (probe.outcome() != Outcome.COMPLETED) {
            unavailable = runtime() + " cannot start a sandbox on this machine: " + probe.failureReason();
        }
    }

    /** Per test, so that a report counts each skipped scenario with the reason. */
    @BeforeEach
    void runtimeIsAvailable() {
        assumeTrue(unavailable == null, () -> unavailable);
    }

    @AfterAll
    void leavesNothingBehind() throws IOException {
        if (runner != null) {
            assertThat(runner.removeLeftovers()).isEmpty();
        }
        assertThat(foldersSandboxesCouldChange(properties.rootfs()))
                .as("the image's root, which every sandbox shares, is unchanged").isEqualTo(imageBefore);
    }

    /**
     * Modification times of the image's root and of the folders a runtime mounts over or writes config into: a mount
     * point that runc had to create, or a file it wrote, would change one of them.
     */
    static Map<Path, FileTime> foldersSandboxesCouldChange(Path rootfs) throws IOException {
        Map<Path, FileTime> times = new LinkedHashMap<>();
        for (String folder : List.of("", "dev", "proc", "sandbox", "tmp", "etc", "run", "sys")) {
            Path path = rootfs.resolve(folder);
            times.put(path, Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
        }
        return times;
    }

    SandboxResult run(String script) {
        return runner.run(new SandboxJob("test-exec", script, "", LIMITS));
    }

    SandboxResult completed(String script) {
        SandboxResult result = run(script);
        assertThat(result.errors()).isEmpty();
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        return result;
    }

    /** No container, cgroup or bundle of this execution exists any more. */
    void assertNoTraceOf(String executionId) throws IOException {
        String prefix = ContainerIds.PREFIX + executionId + "-";
        RuntimeCli cli = new RuntimeCli(OciRuntime.named(properties.runtime()),
                SandboxRuntimes.locate(properties), properties.stateDir(), properties.runscPlatform());
        assertThat(cli.listIds()).noneMatch(id -> id.startsWith(prefix));
        assertThat(new CgroupFiles(CGROUP_ROOT).containerDirs())
                .noneMatch(dir -> dir.getFileName().toString().startsWith(prefix));
        try (Stream<Path> bundles = Files.list(properties.dataDir().resolve("runs"))) {
            assertThat(bundles).noneMatch(dir -> dir.getFileName().toString().startsWith(prefix));
        }
    }
}
