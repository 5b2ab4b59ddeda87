package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.AppTestSupport;
import io.integr8scode.chaos.AppProcess;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3: the app (a child JVM beside the node, {@code runner: kubernetes}) is stopped while its execution pods run
 * and started again on the same data directory. The pods outlive it: every execution must finish exactly once
 * with the output its pod printed; none stays queued or running, no execution gets a second pod, and no pod is left
 * behind. Two pods end while the app is down; the other three end after it is back unless its start takes longer
 * than their 45 s (it can, on a loaded machine). Once with a graceful stop (SIGTERM), once with SIGKILL.
 */
@Tag("slow")
@Tag("cluster")
class AppRestartWhilePodsRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXECUTIONS = TestSettings.NAMESPACE;
    private static final String REPLY_QUEUE = "restart.replies";
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "timeout");
    private static final Pattern COMPLETION = Pattern.compile("Execution (\\S+) finished: ");
    /** Ends while the app is down (a restart takes longer), but only after all five pods run. */
    private static final int SHORT_SLEEP_SECONDS = 15;
    /** Ends after the app is back. */
    private static final int LONG_SLEEP_SECONDS = 45;
    /** Small enough that all five pods fit on the 2-CPU node at once (the default, 1000m, fits two). */
    private static final int CPU_MILLICORES = 250;
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final Duration PODS_RUNNING_WITHIN = Duration.ofSeconds(90);
    private static final Duration SETTLED_WITHIN = Duration.ofMinutes(3);

    private static RealCluster cluster;
    private static Path appKubeconfig;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Kept when the test fails: the data directory and both incarnations' logs. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @BeforeAll
    static void installChart() {
        cluster = RealCluster.connectOrSkip();
        cluster.installChart();
        appKubeconfig = cluster.appKubeconfig();
    }

    @Test
    void finishesEveryExecutionOnceWhenTheAppIsStoppedWhilePodsRun() throws Exception {
        runAcrossARestart("stop", AppProcess::stop);
    }

    @Test
    void finishesEveryExecutionOnceWhenTheAppIsKilledWhilePodsRun() throws Exception {
        runAcrossARestart("kill", AppProcess::kill);
    }

    private interface Stop {
        void apply(AppProcess app) throws InterruptedException;
    }

    private void runAcrossARestart(String name, Stop stop) throws Exception {
        int httpPort = AppTestSupport.freePort();
        int brokerPort = AppTestSupport.freePort();
        Path dataDir = dir.resolve("data");
        List<Path> logs = new ArrayList<>();
        Map<String, String> expectedOutput = new HashMap<>();
        String correlationId = name + "-" + System.nanoTime();
        try (PodLedger pods = new PodLedger(cluster.admin(), EXECUTIONS)) {
            AppProcess app = start(dataDir, httpPort, brokerPort, logs);
            try {
                // The long ones first: pods start one after another, and the short ones must still run at the stop.
                String queueToken = name + "-queue";
                sendToQueue(brokerPort, correlationId, script(queueToken, LONG_SLEEP_SECONDS));
                for (int i = 0; i < 4; i++) {
                    String token = name + "-rest-" + i;
                    String id = submit(httpPort, token, i < 2 ? LONG_SLEEP_SECONDS : SHORT_SLEEP_SECONDS);
                    expectedOutput.put(id, "begin " + token + "\nend " + token + "\n");
                }

                // Every pod is running (the queue submission's is the one pod not among the REST executions).
                await().atMost(PODS_RUNNING_WITHIN).until(() -> pods.executions().containsAll(expectedOutput.keySet())
                        && pods.executions().size() == expectedOutput.size() + 1
                        && pods.executions().stream().allMatch(pods::seenRunning));
                String queueId = pods.executions().stream().filter(id -> !expectedOutput.containsKey(id)).findFirst().orElseThrow();
                expectedOutput.put(queueId, "begin " + queueToken + "\nend " + queueToken + "\n");
                Map<String, String> startedAt = new HashMap<>();
                for (String id : expectedOutput.keySet()) {
                    JsonNode execution = stored(httpPort, id);
                    assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("running");
                    startedAt.put(id, execution.path("started_at").asText());
                }

                stop.apply(app);
                app = start(dataDir, httpPort, brokerPort, logs);

                Map<String, JsonNode> finished = awaitFinished(httpPort, expectedOutput.keySet());
                for (Map.Entry<String, String> expected : expectedOutput.entrySet()) {
                    JsonNode execution = finished.get(expected.getKey());
                    assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
                    assertThat(execution.path("output").asText()).as("%s", execution).isEqualTo(expected.getValue());
                    assertThat(execution.path("exit_code").asInt()).isZero();
                    assertThat(execution.path("started_at").asText()).as("claimed once, before the restart")
                            .isEqualTo(startedAt.get(expected.getKey()));
                    assertThat(pods.podsOf(expected.getKey())).as("pods created for %s", expected.getKey()).isEqualTo(1);
                }
                List<JsonNode> replies = replies(brokerPort, correlationId);
                assertThat(replies).as("replies to the queue submission").hasSize(1);
                assertThat(replies.get(0).path("execution_id").asText()).isEqualTo(queueId);
                assertThat(replies.get(0).path("output").asText()).isEqualTo(expectedOutput.get(queueId));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.admin().pods()
                        .inNamespace(EXECUTIONS).withLabels(ExecutionPodNaming.managedSelector()).list().getItems())
                        .as("execution pods left behind").isEmpty());
                assertThat(completionsLogged(logs)).as("completions stored per execution, over both incarnations")
                        .containsOnlyKeys(expectedOutput.keySet().toArray(String[]::new))
                        .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
            } finally {
                app.stop();
            }
        }
    }

    private AppProcess start(Path dataDir, int httpPort, int brokerPort, List<Path> logs) throws Exception {
        Path log = dir.resolve("app-" + logs.size() + ".log");
        logs.add(log);
        AppProcess app = AppProcess.start(dataDir, httpPort, brokerPort, log, List.of(
                "--integr8scode.runner=kubernetes",
                "--integr8scode.kubernetes.kubeconfig=" + appKubeconfig,
                "--integr8scode.kubernetes.leader-election.enabled=false",
                "--integr8scode.kubernetes.poll-interval=1s",
                "--integr8scode.quota.submissions.capacity=100000",
                "--integr8scode.quota.max-active-per-anonymous-client=1000",
                "--integr8scode.executions.anonymous-max-limits.timeout-seconds=60",
                // Recovery right after the start and often, so a wrong verdict on the pods' executions shows.
                "--integr8scode.recovery.interval=2s"));
        app.awaitReady(http, READY_WITHIN);
        return app;
    }

    private static String script(String token, int sleepSeconds) {
        return "import time\nprint('begin " + token + "', flush=True)\ntime.sleep(" + sleepSeconds + ")\nprint('end "
                + token + "')";
    }

    private static String request(String script) {
        return JSON.createObjectNode().put("script", script).set("limits", JSON
                .createObjectNode().put("timeout_seconds", 60).put("cpu_millicores", CPU_MILLICORES)).toString();
    }

    private String submit(int httpPort, String token, int sleepSeconds) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/executions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(script(token, sleepSeconds)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("execution_id").asText();
    }

    private JsonNode stored(int httpPort, String id) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/api/v1/executions/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private Map<String, JsonNode> awaitFinished(int httpPort, Set<String> ids) throws Exception {
        long deadline = System.nanoTime() + SETTLED_WITHIN.toNanos();
        Map<String, JsonNode> finished = new HashMap<>();
        while (finished.size() < ids.size()) {
            for (String id : ids) {
                JsonNode execution = stored(httpPort, id);
                if (TERMINAL.contains(execution.path("status").asText())) {
                    finished.put(id, execution);
                } else if (System.nanoTime() > deadline) {
                    throw new AssertionError("Execution " + id + " still " + execution.path("status").asText()
                            + " " + SETTLED_WITHIN + " after the restart: " + execution);
                }
            }
            Thread.sleep(500);
        }
        return finished;
    }

    /** A queue submission asking for its result on a durable queue, so that a reply sent after the restart waits there. */
    private static void sendToQueue(int brokerPort, String correlationId, String script) throws JMSException {
        try (Connection connection = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage submission = session.createTextMessage(request(script));
            submission.setJMSReplyTo(session.createQueue(REPLY_QUEUE));
            submission.setJMSCorrelationID(correlationId);
            try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
                producer.send(submission);
            }
        }
    }

    /** Every reply with this correlation id: waits for the first, then a few seconds more for any second one. */
    private static List<JsonNode> replies(int brokerPort, String correlationId) throws Exception {
        List<JsonNode> replies = new ArrayList<>();
        try (Connection connection = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(REPLY_QUEUE),
                    "JMSCorrelationID = '" + correlationId + "'")) {
                Message reply = consumer.receive(SETTLED_WITHIN.toMillis());
                while (reply != null) {
                    replies.add(JSON.readTree(((TextMessage) reply).getText()));
                    reply = consumer.receive(5_000);
                }
            }
        }
        return replies;
    }

    /** How often each execution's final status was stored, from the "finished" line the completion route logs. */
    private static Map<String, Integer> completionsLogged(List<Path> logs) throws Exception {
        Map<String, Integer> completions = new HashMap<>();
        for (Path log : logs) {
            Matcher matcher = COMPLETION.matcher(Files.readString(log));
            while (matcher.find()) {
                completions.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        return completions;
    }
}
