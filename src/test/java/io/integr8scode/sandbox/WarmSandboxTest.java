package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warm sandboxes under runc: each serves one job and is destroyed, and a job runs under its own limits, not the
 * ones the sandbox waited under ({@link OciSandboxRunner#IDLE_LIMITS}: 64 MB, 250 millicores).
 */
class WarmSandboxTest extends RealRuntimeTest {

    @Override
    String runtime() {
        return "runc";
    }

    @Override
    boolean pooled() {
        return true;
    }

    SandboxResult run(String script, ExecutionLimits limits) {
        return runner.run(new SandboxJob("warm", script, "", limits));
    }

    @Test
    void servesOneJobPerSandboxAndDestroysIt() throws Exception {
        List<String> servedBefore = runner.pool().recentlyServed();
        List<String> outputs = new ArrayList<>();
        for (int run = 0; run < POOL_SIZE; run++) {
            // What one job leaves behind: a file in /tmp and a process that would outlive it.
            outputs.add(completed("""
                    import os, subprocess
                    print(os.path.exists('/tmp/left-by-an-earlier-job'), len(os.listdir('/proc')) > 0)
                    open('/tmp/left-by-an-earlier-job', 'w').write('x')
                    subprocess.Popen(['sleep', '30'], start_new_session=True)
                    """).output());
        }

        List<String> served = new ArrayList<>(runner.pool().recentlyServed());
        served.removeAll(servedBefore);
        assertThat(outputs).containsOnly("False True\n");
        assertThat(served).hasSize(POOL_SIZE);
        assertThat(new HashSet<>(served)).hasSameSizeAs(served);
        assertNoTraceOf("warm");
    }

    @Test
    void removesTheCgroupFoldersARuntimeLeavesBehind(@TempDir Path dataDir) throws Exception {
        // A process that has not left the sandbox's cgroup when the runtime deletes it (a killed one that is slow to
        // die on a busy machine) makes the runtime leave that cgroup's folder behind, and nobody removed it.
        Process straggler = new ProcessBuilder("sleep", "60").start();
        List<String> waiting = List.of();
        try {
            try (OciSandboxRunner drained = new OciSandboxRunner(ShippedSettings.sandbox(runtime(), dataDir, 1))) {
                assertThat(drained.pool().awaitFull(POOL_FILL_MS)).as("the pool fills").isTrue();
                waiting = new RuntimeCli(OciRuntime.RUNC, SandboxRuntimes.locate(runtime()), dataDir.resolve("state"),
                        properties.runscPlatform()).listIds();
                assertThat(waiting).hasSize(1);
                Files.writeString(CGROUP_ROOT.resolve("pids").resolve(OciBundleConfig.CGROUP_PARENT)
                        .resolve(waiting.get(0)).resolve("cgroup.procs"), Long.toString(straggler.pid()));
            }

            List<String> destroyed = waiting;
            assertThat(new CgroupFiles(CGROUP_ROOT).containerDirs())
                    .noneMatch(dir -> destroyed.contains(dir.getFileName().toString()));
        } finally {
            straggler.destroyForcibly().waitFor();
            Thread.sleep(100); // the killed straggler leaves the cgroup
            for (Path dir : new CgroupFiles(CGROUP_ROOT).containerDirs()) {
                if (waiting.contains(dir.getFileName().toString())) {
                    Files.deleteIfExists(dir);
                }
            }
        }
    }

    @Test
    void destroysASandboxThatNeverGetsReadyAndKeepsRefilling(@TempDir Path dataDir) throws Exception {
        SandboxProperties hanging = ShippedSettings.sandbox(Map.of("integr8scode.sandbox.runtime", runtime(),
                "integr8scode.sandbox.data-dir", dataDir.toString(),
                "integr8scode.sandbox.state-dir", dataDir.resolve("state").toString(),
                "integr8scode.sandbox.pool.size", 1,
                "integr8scode.sandbox.pool.ready-timeout-seconds", 1));
        RuntimeCli cli = new RuntimeCli(OciRuntime.RUNC, SandboxRuntimes.locate(runtime()), hanging.stateDir(),
                hanging.runscPlatform());
        Set<String> attempts = new HashSet<>();
        // A PID 1 that hangs before its ready line: each attempt is given up after a second and deleted.
        try (OciSandboxRunner runner = new OciSandboxRunner(hanging, SandboxRuntimes.locate(runtime()), CGROUP_ROOT,
                "import time\ntime.sleep(3600)\n")) {
            for (int poll = 0; poll < 600 && attempts.size() < 3; poll++) {
                List<String> existing = cli.listIds();
                assertThat(existing).as("sandboxes at once (one starting, one being deleted)").hasSizeLessThanOrEqualTo(2);
                attempts.addAll(existing);
                Thread.sleep(100);
            }
            assertThat(runner.pool().awaitFull(0)).isFalse();
        }

        assertThat(attempts).as("sandboxes the refill tried").hasSizeGreaterThanOrEqualTo(3);
        assertThat(cli.listIds()).isEmpty();
    }

    @Test
    void enforcesAMemoryLimitBelowThePools() {
        // 32 MB of data fits the pool's 64 MB beside the interpreter, not the job's 32.
        SandboxResult result = run("hog = b'x' * (32 * 1024 * 1024)\nprint('survived')", new ExecutionLimits(10, 32, 1000));

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
        assertThat(result.failureReason()).isEqualTo("memory limit exceeded (32 MB)");
        assertThat(result.output()).isEmpty();
    }

    @Test
    void grantsAMemoryLimitAboveThePools() {
        SandboxResult result = run("hog = b'x' * (150 * 1024 * 1024)\nprint('survived')",
                new ExecutionLimits(10, 256, 1000));

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        assertThat(result.output()).isEqualTo("survived\n");
    }

    @Test
    void enforcesACpuQuotaBelowThePools() {
        // 1.5 s of busy loop at 50 millicores: about 75 ms of CPU; the pool's 250 would allow 375, a core 1500.
        SandboxResult result = run("""
                import time
                end = time.monotonic() + 1.5
                while time.monotonic() < end:
                    pass
                """, new ExecutionLimits(10, 128, 50));

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        assertThat(result.usage().cpuTimeMs()).isLessThan(200L);
    }

    @Test
    void keepsThePidsLimit() {
        SandboxResult result = completed("""
                import os, time
                children = 0
                try:
                    while children < 500:
                        if os.fork() == 0:
                            time.sleep(5)
                            os._exit(0)
                        children += 1
                except OSError as error:
                    print('refused after', children, error.errno)
                """);

        assertThat(result.output()).matches("refused after \\d+ 11\n"); // 11 = EAGAIN
        int children = Integer.parseInt(result.output().split(" ")[2]);
        assertThat(children).isLessThan(properties.pidsLimit());
    }
}
