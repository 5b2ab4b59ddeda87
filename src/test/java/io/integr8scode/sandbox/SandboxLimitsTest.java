package io.integr8scode.sandbox;

import io.integr8scode.execution.ExecutionLimits;
import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts that try to exhaust time, memory, processes or output end on time and leave nothing behind. */
class SandboxLimitsTest extends RealRuntimeTest {

    static SandboxResult runTimed(String executionId, String script, ExecutionLimits limits, Duration atMost) {
        long started = System.nanoTime();
        SandboxResult result = runner.run(new SandboxJob(executionId, script, "", limits));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(atMost);
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
        SandboxResult result = runTimed("fork-bomb", """
                import os, time
                print('forking', flush=True)
                while True:
                    try:
                        os.fork()
                    except OSError:
                        time.sleep(0.01)
                """, new ExecutionLimits(2, 128, 500), Duration.ofSeconds(6));

        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.output()).startsWith("forking\n");
        assertNoTraceOf("fork-bomb");
        assertThat(completed("print('still fine')").output()).isEqualTo("still fine\n");
    }

    @Test
    void capsHugeOutputAndKeepsDraining() throws Exception {
        long outputLimit = properties.outputLimit().toBytes();
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
