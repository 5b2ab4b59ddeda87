package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.Integr8sCodeApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The figure for docs/benchmarks.md: 20 hello-world runs one after another, from the moment the execution starts
 * running (its pod is created) to the moment its result is stored (started_at to finished_at), on the cluster and,
 * in the same run on the same machine, through a second app with the local runner. Measures; asserts only that
 * every run completed.
 */
class PodLatencyTest extends ClusterAppTest {

    private static final int RUNS = 20;
    private static final String HELLO = "{\"script\": \"print('Hello, Integr8sCode!')\"}";

    @Test
    void measuresPodCreationToStoredResult() throws Exception {
        List<Long> pods = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            pods.add(runningToStoredMillis(awaitTerminal(submit(HELLO), POD_RUN)));
        }
        List<Long> local = measureLocalRunner();

        String figures = "pod (runner kubernetes): " + percentiles(pods) + "\nlocal sandbox (runner local): " + percentiles(local);
        System.out.println("#".repeat(80) + "\n" + figures + "\n" + "#".repeat(80));
        Path report = Path.of("target", "cluster-latency.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, figures + "\n");
        assertThat(pods).hasSize(RUNS);
        assertThat(local).hasSize(RUNS);
    }

    /** The same runs through a second app, started in this JVM with the default local runner. */
    private static List<Long> measureLocalRunner() throws Exception {
        int httpPort = freePort();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Integr8sCodeApplication.class).run(
                "--server.port=" + httpPort,
                "--integr8scode.data-dir=" + temporaryDirectory(),
                "--integr8scode.broker.acceptor-url=tcp://127.0.0.1:" + freePort() + "?protocols=CORE",
                "--integr8scode.quota.submissions.capacity=100000",
                "--integr8scode.quota.max-active-per-anonymous-client=1000",
                "--camel.main.jmx-enabled=false")) {
            HttpClient http = HttpClient.newHttpClient();
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/executions")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
                String id = json(submitted.body()).path("execution_id").asText();
                JsonNode execution;
                do {
                    sleep(Duration.ofMillis(50));
                    execution = json(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                            + "/api/v1/executions/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
                } while (!Set.of("completed", "failed", "timeout").contains(execution.path("status").asText()));
                millis.add(runningToStoredMillis(execution));
            }
            return millis;
        }
    }

    private static long runningToStoredMillis(JsonNode execution) {
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        return Duration.between(Instant.parse(execution.path("started_at").asText()),
                Instant.parse(execution.path("finished_at").asText())).toMillis();
    }

    private static String percentiles(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "p50 %d ms, p95 %d ms, min %d ms, max %d ms over %d runs".formatted(sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(0), sorted.get(sorted.size() - 1),
                sorted.size());
    }
}
