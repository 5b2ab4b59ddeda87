package io.integr8scode.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.AppTestSupport;
import io.integr8scode.Integr8sCodeApplication;
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

/** A delivery that failed before a restart is tried again after it: the broker's journal keeps it. */
class WebhookRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aRestartBetweenAFailedAttemptAndItsRetryStillDelivers() throws Exception {
        int port = AppTestSupport.freePort();
        try (CallbackReceiver receiver = new CallbackReceiver(Integer.MAX_VALUE)) {
            String id;
            try (ConfigurableApplicationContext app = start(port)) {
                id = submit(port, receiver.url("/after-restart"));
                JsonNode failedOnce = awaitCallback(port, id, callback -> callback.path("attempts").asInt() >= 1
                        && !callback.path("last_error").asText().isEmpty());
                assertThat(failedOnce.path("callback").path("status").asText()).isEqualTo("pending");
            }
            int attemptsBefore = receiver.deliveries().size();
            receiver.failing(false);

            try (ConfigurableApplicationContext app = start(port)) {
                JsonNode delivered = awaitCallback(port, id, callback -> callback.path("status").asText().equals("delivered"));
                assertThat(delivered.path("callback").path("attempts").asInt()).isEqualTo(attemptsBefore + 1);
            }
            assertThat(receiver.deliveries()).hasSize(attemptsBefore + 1);
            assertThat(json(receiver.deliveries().get(attemptsBefore).body()).path("execution_id").asText()).isEqualTo(id);
        }
    }

    private ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(Integr8sCodeApplication.class).run(
                "--server.port=" + port,
                "--integr8scode.data-dir=" + dataDir,
                "--integr8scode.broker.acceptor-url=tcp://127.0.0.1:" + AppTestSupport.freePort(),
                "--integr8scode.webhooks.secret=restart-secret",
                "--integr8scode.webhooks.allowed-targets=127.0.0.1",
                "--integr8scode.webhooks.max-attempts=5",
                // Long enough that the app is stopped before the retry is due.
                "--integr8scode.webhooks.first-retry-delay=20s",
                "--integr8scode.webhooks.max-retry-delay=20s");
    }

    private String submit(int port, String callbackUrl) throws Exception {
        String body = JSON.createObjectNode().put("script", "print('restart')").put("callback_url", callbackUrl).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).path("execution_id").asText();
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private JsonNode awaitCallback(int port, String id, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode execution = null;
        while (System.nanoTime() < deadline) {
            execution = json(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (done.test(execution.path("callback"))) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The callback of " + id + " did not get there; last seen: " + execution);
    }
}
