package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One real runner per test class, in a fresh data dir, that must leave nothing behind. */
abstract class RealRuntimeTest {

    static final ExecutionLimits LIMITS = new ExecutionLimits(10, 128, 1000);
    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    @TempDir
    static Path dataDir;

    static SandboxProperties properties;
    static OciSandboxRunner runner;

    @BeforeAll
    static void startRunner() {
        properties = ShippedSettings.sandbox("runc", dataDir);
        runner = new OciSandboxRunner(properties);
    }

    @AfterAll
    static void leavesNothingBehind() {
        assertThat(runner.removeLeftovers()).isEmpty();
    }

    static SandboxResult run(String script) {
        return runner.run(new SandboxJob("test-exec", script, "", LIMITS));
    }

    static SandboxResult completed(String script) {
        SandboxResult result = run(script);
        assertThat(result.errors()).isEmpty();
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        return result;
    }

    /** No container, cgroup or bundle of this execution exists any more. */
    static void assertNoTraceOf(String executionId) throws IOException {
        String prefix = ContainerIds.PREFIX + executionId + "-";
        RuntimeCli cli = new RuntimeCli(OciRuntime.named(properties.runtime()),
                SandboxRuntimes.locate(properties.runtime()), properties.stateDir(), properties.runscPlatform());
        assertThat(cli.listIds()).noneMatch(id -> id.startsWith(prefix));
        assertThat(new CgroupFiles(CGROUP_ROOT).containerDirs())
                .noneMatch(dir -> dir.getFileName().toString().startsWith(prefix));
        try (Stream<Path> bundles = Files.list(properties.dataDir().resolve("runs"))) {
            assertThat(bundles).noneMatch(dir -> dir.getFileName().toString().startsWith(prefix));
        }
    }
}
