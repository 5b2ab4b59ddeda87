package io.integr8scode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded database and broker journal live in the data directory: a restart loses nothing. */
class RestartPersistenceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void keepsHistoryAndQueuedWorkAcrossARestart() throws Exception {
        String finished;
        String waiting;
        int port = AppTestSupport.freePort();
        try (ConfigurableApplicationContext app = start(port, true)) {
            finished = submit(port, "print('before the restart')");
            awaitStatus(port, finished, "completed");
        }
        try (ConfigurableApplicationContext app = start(port, false)) {
            // Dispatch is off: the execution waits on the persistent queue while the app stops.
            waiting = submit(port, "print('queued across the restart')");
            assertThat(status(port, waiting).path("status").asText()).isEqualTo("queued");
        }
        try (ConfigurableApplicationContext app = start(port, true)) {
            assertThat(status(port, finished).path("output").asText()).isEqualTo("before the restart\n");
            JsonNode resumed = awaitStatus(port, waiting, "completed");
            assertThat(resumed.path("output").asText()).isEqualTo("queued across the restart\n");
        }
    }

    private ConfigurableApplicationContext start(int port, boolean dispatch) {
        return new SpringApplicationBuilder(Integr8sCodeApplication.class).run(
                "--server.port=" + port,
                "--integr8scode.data-dir=" + dataDir,
                "--integr8scode.broker.acceptor-url=tcp://127.0.0.1:" + AppTestSupport.freePort(),
                "--integr8scode.executions.dispatch-enabled=" + dispatch,
                // Only the persisted message can bring the queued execution back within the test's wait.
                "--integr8scode.recovery.requeue-after=1h");
    }

    private String submit(int port, String script) throws Exception {
        String body = AppTestSupport.JSON.createObjectNode().put("script", script).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return AppTestSupport.json(response.body()).path("execution_id").asText();
    }

    private JsonNode status(int port, String id) throws Exception {
        return AppTestSupport.json(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode awaitStatus(int port, String id, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode execution = status(port, id);
        while (!expected.equals(execution.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            execution = status(port, id);
        }
        assertThat(execution.path("status").asText()).isEqualTo(expected);
        return execution;
    }
}
