package io.integr8scode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stopping a running sandbox on request (a cancel), in cold and warm sandboxes under runc and runsc: the script is
 * stopped long before its time limit, what it printed before the stop comes back, and its container is gone.
 */
class SandboxStopTest {

    @Nested
    class Runc extends Scenarios {
        @Override
        String runtime() {
            return "runc";
        }
    }

    @Nested
    class RuncPooled extends Runc {
        @Override
        boolean pooled() {
            return true;
        }
    }

    @Nested
    @Tag("slow")
    class Runsc extends Scenarios {
        @Override
        String runtime() {
            return "runsc";
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

        /** Prints, then would loop until its time limit. */
        static final String PRINTS_THEN_LOOPS = "import time\nprint('before the stop', flush=True)\nwhile True:\n    time.sleep(0.05)";
        /** Time for the script to print once it runs: Python's start in the sandbox takes well under this. */
        static final long PRINT_WAIT_MS = 2_000;
        /** Far under the job's 10 s limit (plus the 30 s kill grace): a stop that did not work would take that long. */
        static final long STOPPED_WITHIN_S = 8;

        @Test
        void stopsARunningScriptAndKeepsWhatItPrinted() throws Exception {
            String executionId = "stop-running-" + runtime() + (pooled() ? "-warm" : "-cold");
            CompletableFuture<SandboxResult> run = CompletableFuture.supplyAsync(
                    () -> runner.run(new SandboxJob(executionId, PRINTS_THEN_LOOPS, "", LIMITS)));
            awaitRunning(executionId, run);
            Thread.sleep(PRINT_WAIT_MS);

            runner.stop(executionId);
            SandboxResult result = run.get(STOPPED_WITHIN_S, TimeUnit.SECONDS);

            assertThat(result.failureReason()).as("%s", result).isEqualTo(OciSandboxRunner.STOPPED_ON_REQUEST);
            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.output()).isEqualTo("before the stop\n");
            assertThat(result.exitCode()).as("the bootstrap killed the script: SIGKILL").isEqualTo(137);
            assertThat(runner.isRunning(executionId)).isFalse();
            assertNoTraceOf(executionId);
        }

        @Test
        void aStopThatArrivesBeforeTheSandboxStopsItAsItStarts() throws Exception {
            String executionId = "stop-early-" + runtime() + (pooled() ? "-warm" : "-cold");
            runner.stop(executionId);

            SandboxResult result = CompletableFuture.supplyAsync(
                    () -> runner.run(new SandboxJob(executionId, PRINTS_THEN_LOOPS, "", LIMITS)))
                    .get(STOPPED_WITHIN_S, TimeUnit.SECONDS);

            assertThat(result.failureReason()).as("%s", result).isEqualTo(OciSandboxRunner.STOPPED_ON_REQUEST);
            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertNoTraceOf(executionId);
        }

        @Test
        void aStopForAnExecutionThatIsNotHereChangesNothing() {
            runner.stop("runs-elsewhere");

            assertThat(completed("print('unaffected')").output()).isEqualTo("unaffected\n");
        }

        private void awaitRunning(String executionId, CompletableFuture<SandboxResult> run) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!runner.isRunning(executionId)) {
                assertThat(run).as("the run ended before it was stopped").isNotDone();
                assertThat(System.nanoTime()).as("the sandbox started").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}
