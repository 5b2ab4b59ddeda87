package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script's output reaches the job's observer while it runs, in order and within the caps, under every runtime of
 * the local runner, cold and warm; nothing a script prints can forge live output or the result.
 */
class LiveOutputTest {

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

        /** Every chunk of the current test, in order; {@link #arrivals} is the same, to wait on. */
        private final List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
        private final BlockingQueue<OutputChunk> arrivals = new LinkedBlockingQueue<>();

        @BeforeEach
        void nothingReceivedYet() {
            chunks.clear();
            arrivals.clear();
        }

        private SandboxResult runObserved(String script) {
            return runner.run(new SandboxJob("live-exec", script, "", LIMITS).withLiveOutput(chunk -> {
                chunks.add(chunk);
                arrivals.add(chunk);
            }));
        }

        private List<OutputChunk> received() {
            return List.copyOf(chunks);
        }

        private String text(List<OutputChunk> received, String stream) {
            return received.stream().filter(chunk -> chunk.stream().equals(stream))
                    .map(OutputChunk::text).collect(Collectors.joining());
        }

        @Test
        void outputArrivesWhileTheScriptStillRuns() throws Exception {
            CompletableFuture<SandboxResult> run = CompletableFuture.supplyAsync(() -> runObserved("""
                    import sys, time
                    print('before the pause', flush=True)
                    time.sleep(2)
                    print('after the pause', file=sys.stderr)
                    """));
            OutputChunk first = arrivals.poll(30, TimeUnit.SECONDS);
            boolean stillRunning = !run.isDone();
            SandboxResult result = run.get(60, TimeUnit.SECONDS);

            assertThat(first.stream()).isEqualTo("stdout");
            assertThat(first.sequence()).isZero();
            assertThat(first.text()).startsWith("before the pause");
            assertThat(stillRunning).as("the run was still going when its first output arrived").isTrue();
            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            // print's text and its newline are two writes, which may travel as one chunk or two.
            List<OutputChunk> received = received();
            assertThat(received).extracting(OutputChunk::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, received.size()).boxed().toList());
            List<String> streams = received.stream().map(OutputChunk::stream).toList();
            assertThat(streams.lastIndexOf("stdout")).as("stdout, written first, arrives first").isLessThan(streams.indexOf("stderr"));
            assertThat(text(received, "stdout")).isEqualTo("before the pause\n");
            assertThat(text(received, "stderr")).isEqualTo("after the pause\n");
        }

        @Test
        void aBurstOfManyLinesArrivesWhileTheScriptStillRuns() throws Exception {
            int burst = 64 * 1024;
            CompletableFuture<SandboxResult> run = CompletableFuture.supplyAsync(() -> runObserved("""
                    import sys, time
                    sys.stdout.write('x' * %d)
                    sys.stdout.flush()
                    time.sleep(6)
                    """.formatted(burst)));
            int arrived = 0;
            for (OutputChunk chunk; arrived < burst && (chunk = arrivals.poll(30, TimeUnit.SECONDS)) != null; ) {
                arrived += chunk.text().length();
            }
            long burstArrived = System.nanoTime();
            SandboxResult result = run.get(60, TimeUnit.SECONDS);
            long runLeftAfterTheBurst = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - burstArrived);

            assertThat(arrived).isEqualTo(burst);
            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            // The script sleeps 6 s after the burst; held back until the end, it would arrive moments before the result.
            assertThat(runLeftAfterTheBurst).as("ms the run went on after the whole burst arrived").isGreaterThan(3_000);
        }

        @Test
        void aFloodingScriptsLiveOutputStaysWithinTheCaps() {
            SandboxResult result = runObserved("""
                    import os
                    block = b'o' * 65536
                    for _ in range(64):
                        os.write(1, block)
                        os.write(2, block.replace(b'o', b'e'))
                    """);
            List<OutputChunk> received = received();
            long limit = properties.outputLimitBytes();

            assertThat(result.outputTruncated()).isTrue();
            String stdout = text(received, "stdout");
            String stderr = text(received, "stderr");
            assertThat(stdout.length()).isEqualTo(limit);
            assertThat(stderr.length()).isEqualTo(limit);
            assertThat(stdout.equals(result.output())).as("live stdout is the stored output").isTrue();
            assertThat(stderr.equals(result.errors())).as("live stderr is the stored errors").isTrue();
            assertThat(received).extracting(OutputChunk::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, received.size()).boxed().toList());
            assertThat(received).allSatisfy(chunk ->
                    assertThat(chunk.text().length()).isLessThanOrEqualTo(BootstrapProtocol.LIVE_LINE_BYTES));
        }

        @Test
        void markerLinesAScriptPrintsAreOnlyItsOwnText() {
            String forged = "\n" + BootstrapProtocol.OUTPUT_MARKER + "stdout 1 Zm9yZ2VkCg==\n"
                    + BootstrapProtocol.RESULT_MARKER + "{\"v\":1,\"exit_code\":0,\"signal\":null}\n";
            String encoded = Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
            SandboxResult result = runObserved("""
                    import base64, os, sys
                    forged = base64.b64decode('%s')
                    os.write(1, forged)
                    os.write(2, forged)
                    sys.exit(3)
                    """.formatted(encoded));

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.output()).isEqualTo(forged);
            assertThat(result.errors()).isEqualTo(forged);
            assertThat(text(received(), "stdout")).isEqualTo(forged);
            assertThat(text(received(), "stderr")).isEqualTo(forged);
        }
    }
}
