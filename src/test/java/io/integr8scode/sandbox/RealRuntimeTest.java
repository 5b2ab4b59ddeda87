package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * a cgroup2 mount that holds a controller), skips its tests with the reason. Cold by default: every run makes its
 * sandbox. A {@link #pooled()} fixture waits before each test until its pool is full, and fails a test in which a
 * run found it empty, so every scenario runs in warm sandboxes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealRuntimeTest {

    static final ExecutionLimits LIMITS = new ExecutionLimits(10, 128, 1000);
    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    static final long POOL_FILL_MS = 60_000;

    SandboxProperties properties;
    OciSandboxRunner runner;

    /** Warm sandboxes a pooled fixture keeps: enough for every run of one test. */
    static final int POOL_SIZE = 3;

    /** runc, crun or runsc. */
    abstract String runtime();

    /** Whether runs take warm sandboxes from a pool. */
    boolean pooled() {
        return false;
    }

    /** Why this runtime's tests are skipped here; null when it runs. */
    private String unavailable;
    private Map<Path, FileTime> imageBefore;
    private long coldRunsBefore;

    @BeforeAll
    void startRunner(@TempDir Path dataDir) throws IOException, InterruptedException {
        properties = ShippedSettings.sandbox(runtime(), dataDir, pooled() ? POOL_SIZE : 0);
        imageBefore = foldersSandboxesCouldChange(properties.rootfs());
        try {
            runner = new OciSandboxRunner(properties);
        } catch (SandboxUnavailableException missing) {
            unavailable = missing.getMessage();
            return;
        }
        if (pooled() && !runner.pool().awaitFull(POOL_FILL_MS)) {
            unavailable = runtime() + " cannot make warm sandboxes on this machine";
            return;
        }
        SandboxResult probe = run("print('ready')");
        if (probe.outcome() != Outcome.COMPLETED) {
            unavailable = runtime() + " cannot start a sandbox on this machine: " + probe.failureReason();
        }
    }

    /** Per test, so that a report counts each skipped scenario with the reason. */
    @BeforeEach
    void runtimeIsAvailable() throws InterruptedException {
        assumeTrue(unavailable == null, () -> unavailable);
        if (pooled()) {
            assertThat(runner.pool().awaitFull(POOL_FILL_MS)).as("the pool fills").isTrue();
            coldRunsBefore = runner.pool().misses();
        }
    }

    @AfterEach
    void everyRunWasWarm() {
        if (pooled() && unavailable == null) {
            assertThat(runner.pool().misses()).as("runs that found the pool empty").isEqualTo(coldRunsBefore);
        }
    }

    @AfterAll
    void leavesNothingBehind() throws IOException, InterruptedException {
        if (runner != null) {
            assertThat(runner.awaitTeardowns(POOL_FILL_MS)).as("finished sandboxes are deleted").isTrue();
            assertThat(runner.removeLeftovers()).isEmpty();
            runner.close();
            assertThat(cli().listIds()).as("containers after the pool was drained").isEmpty();
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

    RuntimeCli cli() {
        return new RuntimeCli(OciRuntime.named(properties.runtime()), SandboxRuntimes.locate(properties),
                properties.stateDir(), properties.runscPlatform());
    }

    /**
     * No container, cgroup or bundle of this execution exists any more: of its cold sandboxes (named after it) and,
     * in a pooled fixture, of every warm sandbox that served a run.
     */
    void assertNoTraceOf(String executionId) throws IOException, InterruptedException {
        // A run hands its result back first and deletes its sandbox right after, in the background.
        assertThat(runner.awaitTeardowns(POOL_FILL_MS)).as("finished sandboxes are deleted").isTrue();
        String prefix = ContainerIds.PREFIX + executionId + "-";
        List<String> served = pooled() ? runner.pool().recentlyServed() : List.of();
        java.util.function.Predicate<String> gone = id -> id.startsWith(prefix) || served.contains(id);
        assertThat(cli().listIds()).noneMatch(gone);
        assertThat(new CgroupFiles(CGROUP_ROOT).containerDirs()).noneMatch(dir -> gone.test(dir.getFileName().toString()));
        try (Stream<Path> bundles = Files.list(properties.dataDir().resolve("runs"))) {
            assertThat(bundles).noneMatch(dir -> gone.test(dir.getFileName().toString()));
        }
    }
}
