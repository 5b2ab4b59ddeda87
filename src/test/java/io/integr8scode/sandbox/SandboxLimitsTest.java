package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
     * gVisor (Debian's 2022 runsc, ptrace platform): every syscall is trapped, so output-heavy scripts take about
     * twice as long; and a fork bomb kills the sandbox itself instead of meeting the pids limit.
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

        @Test
        @Override
        @DisplayName("containsForkBomb: the sandbox dies without a report, and the next one runs")
        void containsForkBomb() throws Exception {
            SandboxResult result = runTimed("fork-bomb", FORK_BOMB, new ExecutionLimits(2, 128, 500),
                    Duration.ofSeconds(6));

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
            assertThat(result.failureReason())
                    .isEqualTo("sandbox returned no usable result (runsc exit 2): no result frame");
            assertNoTraceOf("fork-bomb");
            assertThat(completed("print('still fine')").output()).isEqualTo("still fine\n");
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
            SandboxResult result = runTimed("fork-bomb", FORK_BOMB, new ExecutionLimits(2, 128, 500),
                    Duration.ofSeconds(6));

            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.TIMEOUT);
            assertThat(result.output()).startsWith("forking\n");
            assertNoTraceOf("fork-bomb");
            assertThat(completed("print('still fine')").output()).isEqualTo("still fine\n");
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
