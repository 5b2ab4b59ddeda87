package io.integr8scode.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.AppTestSupport;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's other half of the chaos test: the app against a real, separate Artemis broker
 * ({@code SPRING_ARTEMIS_MODE=native}, from the Artemis distribution as an operator installs it), while REST and
 * queue submitters keep submitting, the broker goes away twice and comes back on the same journal: once stopped
 * ({@code artemis stop}), once killed with SIGKILL. The app keeps running. Afterwards every accepted submission
 * must have finished exactly once with every reply matching what is stored: nothing lost, nothing stuck, nothing
 * run twice, no contradictory reply. While the broker is down the app refuses new REST submissions (503), which
 * were never accepted. The seed is printed; {@code -Dchaos.seed=N} replays a run's outage moments.
 */
@Tag("slow")
@Tag("chaos")
class NativeBrokerRestartTest {

    private static final int REST_SUBMISSIONS = 60;
    private static final int QUEUE_SUBMISSIONS = 30;
    private static final String BROKER_USER = "integr8scode";
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Kept when the test fails: the broker instance with its logs, the app's data directory and log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void losesNothingRunsNothingTwiceAndNeverContradictsAReplyThroughBrokerRestarts() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("native broker chaos seed %d%n", seed);

        String password = UUID.randomUUID().toString();
        ArtemisBroker broker = ArtemisBroker.create(dir.resolve("broker"), AppTestSupport.freePort(), BROKER_USER, password);
        broker.start(READY_WITHIN);
        try {
            int httpPort = AppTestSupport.freePort();
            Path appLog = dir.resolve("app.log");
            AppProcess app = AppProcess.start(dir.resolve("data"), httpPort, AppTestSupport.freePort(), appLog, List.of(
                    "--spring.artemis.mode=native",
                    "--spring.artemis.broker-url=tcp://127.0.0.1:" + broker.port(),
                    "--spring.artemis.user=" + BROKER_USER,
                    "--spring.artemis.password=" + password,
                    "--integr8scode.quota.submissions.capacity=100000",
                    "--integr8scode.quota.max-active-per-anonymous-client=1000",
                    "--integr8scode.recovery.interval=3s",
                    "--integr8scode.recovery.requeue-after=10s"));
            RestSubmitter rest = new RestSubmitter(http, httpPort, REST_SUBMISSIONS, Duration.ofMillis(350));
            try (QueueSubmitter queue = new QueueSubmitter(broker.port(), BROKER_USER, password, QUEUE_SUBMISSIONS, Duration.ofMillis(700))) {
                app.awaitReady(http, READY_WITHIN);
                Thread restThread = new Thread(rest, "native-chaos-rest");
                Thread queueThread = new Thread(queue, "native-chaos-queue");
                restThread.start();
                queueThread.start();
                try {
                    for (int outage = 1; outage <= 2; outage++) {
                        long after = 2_000 + random.nextInt(4_000);
                        long down = 1_000 + random.nextInt(3_000);
                        Thread.sleep(after);
                        boolean graceful = outage == 1;
                        System.out.printf("native broker chaos: outage %d (%s) %d ms after the last start, %d ms down;"
                                        + " accepted so far %d REST, %d queue%n", outage, graceful ? "artemis stop" : "kill -9",
                                after, down, rest.accepted.size(), queue.accepted.size());
                        if (graceful) {
                            broker.stop();
                        } else {
                            broker.kill();
                        }
                        Thread.sleep(down);
                        broker.start(READY_WITHIN);
                    }
                    restThread.join(SETTLE_WITHIN.toMillis());
                    queueThread.join(SETTLE_WITHIN.toMillis());
                    assertThat(rest.accepted).as("REST submissions accepted").hasSize(REST_SUBMISSIONS);
                    assertThat(queue.accepted).as("queue submissions accepted").hasSize(QUEUE_SUBMISSIONS);

                    ChaosTally.awaitSettled(rest, queue, SETTLE_WITHIN);
                    ChaosTally tally = ChaosTally.of(rest, queue, List.of(appLog));
                    System.out.println(tally.summary(seed));
                    System.out.printf("native broker chaos: REST attempts failed %d, refused %s; queue sends not confirmed %d%n",
                            rest.failedAttempts.get(), rest.refusals, queue.failedAttempts.get());

                    tally.assertNothingWentWrong(REST_SUBMISSIONS + QUEUE_SUBMISSIONS, seed);
                    // The app itself never went down, so no execution may have been given up on either.
                    assertThat(tally.failedByTheKills).as("failed by the outages (seed %d)", seed).isEmpty();
                } finally {
                    restThread.interrupt();
                    queueThread.interrupt();
                    app.stop();
                }
            }
        } finally {
            broker.kill();
        }
    }
}
