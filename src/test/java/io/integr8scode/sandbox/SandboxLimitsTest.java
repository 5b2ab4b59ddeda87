package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts that try to exhaust time, memory, processes or output end on time and leave nothing behind, under every
 * OCI runtime the local runner supports (runsc in the slow tier).
 */
class SandboxLimitsTest {

    @Nested
    class Runc extends Scenarios {
        @Override
        String runtime() {
            return "runc";
        }
    }

    /** The same scenarios in warm sandboxes from the pool. */
    @Nested
    class RuncPooled extends Runc {
        @Override
        boolean pooled() {
            return true;
        }
    }

    @Nested
    class Crun extends Scenarios {
        @Override
        String runtime() {
            return "crun";
        }
    }

    /**
     * gVisor as infra/gvisor/build.sh builds it: every syscall is trapped, so output-heavy scripts take about twice as
     * long; every limit holds as under runc.
     */
    @Nested
    @Tag("slow")
    class Runsc extends Scenarios {
        @Override
        String runtime() {
            return "runsc";
        }

        @Override
        int slowdown() {
            return 2;
        }

        @Override
        boolean reportsHostCpuTime() {
            return false;
        }
    }

    @Nested
    @Tag("slow")
    class RunscPooled extends Runsc {
        @Override
        boolean pooled() {
            return true;
        }
    }

    abstract static class Scenarios extends RealRuntimeTest {

        static final String FORK_BOMB = """
                import os, time
                print('forking', flush=True)
                while True:
                    try:
                        os.fork()
                    except OSError:
                        time.sleep(0.01)
                """;

        /** How much slower than runc this runtime may be on the wall clock. */
        int slowdown() {
            return 1;
        }

        SandboxResult runTimed(String executionId, String script, ExecutionLimits limits, Duration atMost) {
            long started = System.nanoTime();
            SandboxResult result = runner.run(new SandboxJob(executionId, script, "", limits));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(atMost.multipliedBy(slowdown()));
            return result;
        }

        @Test
        void stopsEndlessLoopAtTheTimeLimit() throws Exception {
            SandboxResult result = runTimed("endless-loop", "print('looping', flush=True)\nwhile True: pass",
                    new ExecutionLimits(2, 128, 1000), Duration.ofSeconds(5));

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.TIMEOUT);
            assertThat(result.failureReason()).isEqualTo("time limit exceeded (2 s)");
            assertThat(result.output()).isEqualTo("looping\n");
            assertThat(result.durationMs()).isBetween(1900L, 4000L);
            assertThat(result.usage().cpuTimeMs()).isGreaterThan(500L);
            assertNoTraceOf("endless-loop");
        }

        @Test
        void failsScriptThatExceedsTheMemoryLimit() throws Exception {
            SandboxResult result = runTimed("memory-hog", "hog = b'x' * (500 * 1024 * 1024)\nprint('survived')",
                    new ExecutionLimits(10, 100, 1000), Duration.ofSeconds(8));

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
            assertThat(result.failureReason()).isEqualTo("memory limit exceeded (100 MB)");
            assertThat(result.exitCode()).isEqualTo(137);
            assertThat(result.output()).isEmpty();
            assertNoTraceOf("memory-hog");
        }

        @Test
        void containsForkBomb() throws Exception {
            // The default memory: at 128 MB, gVisor's 16 forks of the script's interpreter meet the memory limit before
            // the process limit (a contained run, reported as a memory failure); this test is about the process limit.
            SandboxResult result = runTimed("fork-bomb", FORK_BOMB, new ExecutionLimits(2, 256, 500),
                    Duration.ofSeconds(6));

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.TIMEOUT);
            assertThat(result.output()).startsWith("forking\n");
            assertNoTraceOf("fork-bomb");
            assertThat(completed("print('still fine')").output()).isEqualTo("still fine\n");
        }

        @Test
        void holdsBusyProcessesToTheCpuQuota() throws Exception {
            List<String> servedBefore = pooled() ? runner.pool().recentlyServed() : List.of();
            CompletableFuture<SandboxResult> run = CompletableFuture.supplyAsync(() -> runner.run(new SandboxJob(
                    "cpu-hog", """
                    import os, time
                    children = []
                    for _ in range(3):
                        pid = os.fork()
                        if pid == 0:
                            children = []
                            break
                        children.append(pid)
                    end = time.monotonic() + 3
                    while time.monotonic() < end:
                        pass
                    for child in children:
                        os.waitpid(child, 0)
                    """, "", new ExecutionLimits(10, 128, 100))));
            // What the host counts for the sandbox's cgroup over one second while four processes are busy. A tenth of a
            // CPU, so that the quota bites even on a machine whose other work leaves the sandbox little CPU.
            Path cpu = cgroupOf("cpu-hog", "cpu", servedBefore);
            Path cpuacct = CGROUP_ROOT.resolve("cpuacct").resolve(OciBundleConfig.CGROUP_PARENT).resolve(cpu.getFileName());
            Thread.sleep(500);
            long quota = number(cpu, "cpu.cfs_quota_us");
            long usageBefore = number(cpuacct, "cpuacct.usage");
            long throttledBefore = throttled(cpu);
            long sampledFrom = System.nanoTime();
            Thread.sleep(1000);
            long usedNanos = number(cpuacct, "cpuacct.usage") - usageBefore;
            long wallNanos = System.nanoTime() - sampledFrom;
            long throttled = throttled(cpu) - throttledBefore;
            SandboxResult result = run.join();

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
            assertThat(quota).as("cpu.cfs_quota_us").isEqualTo(10_000L);
            assertThat(throttled).as("periods the quota throttled").isPositive();
            // Four busy processes could use both CPUs here; 100 millicores allow a tenth of one (plus some slack).
            assertThat((double) usedNanos / wallNanos).as("CPUs used").isLessThan(0.15);
            if (reportsHostCpuTime()) {
                assertThat(result.usage().cpuTimeMs()).as("%s", result).isBetween(50L, 450L);
            }
            assertNoTraceOf("cpu-hog");
        }

        /** Whether the script's reported CPU time is the host's count (gVisor counts throttled time as running). */
        boolean reportsHostCpuTime() {
            return true;
        }

        /**
         * The v1 cgroup folder of the one running sandbox of this execution, once it exists: a cold sandbox is named
         * after the execution; in a pooled fixture, it is the warm sandbox handed out since {@code servedBefore}.
         */
        Path cgroupOf(String executionId, String controller, List<String> servedBefore) throws Exception {
            Path parent = CGROUP_ROOT.resolve(controller).resolve(OciBundleConfig.CGROUP_PARENT);
            for (int attempt = 0; attempt < 200; attempt++) {
                List<String> servedNow = pooled() ? runner.pool().recentlyServed() : List.of();
                if (Files.isDirectory(parent)) {
                    try (Stream<Path> dirs = Files.list(parent)) {
                        Optional<Path> found = dirs.map(dir -> dir.getFileName().toString()).filter(name ->
                                name.startsWith(ContainerIds.PREFIX + executionId + "-")
                                        || servedNow.contains(name) && !servedBefore.contains(name))
                                .findFirst().map(parent::resolve);
                        if (found.isPresent()) {
                            return found.get();
                        }
                    }
                }
                Thread.sleep(25);
            }
            throw new AssertionError("no " + controller + " cgroup appeared for " + executionId);
        }

        static long throttled(Path cpuCgroup) throws IOException {
            return Files.readAllLines(cpuCgroup.resolve("cpu.stat")).stream()
                    .filter(line -> line.startsWith("nr_throttled "))
                    .mapToLong(line -> Long.parseLong(line.split(" ")[1])).findFirst().orElse(0);
        }

        static long number(Path cgroup, String file) {
            try {
                return Long.parseLong(Files.readString(cgroup.resolve(file)).strip());
            } catch (IOException gone) {
                return -1;
            }
        }

        @Test
        void capsHugeOutputAndKeepsDraining() throws Exception {
            long outputLimit = properties.outputLimitBytes();
            SandboxResult result = runTimed("huge-output", """
                    import sys
                    line = 'x' * 999
                    for _ in range(50_000):
                        print(line)
                    print('the end', file=sys.stderr)
                    """, LIMITS, Duration.ofSeconds(8));

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
            assertThat(result.outputTruncated()).isTrue();
            assertThat(result.output()).hasSize((int) outputLimit).startsWith("x".repeat(999) + "\n");
            assertThat(result.errors()).isEqualTo("the end\n");
            assertNoTraceOf("huge-output");
        }
    }
}
