package io.integr8scode.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A batch is accepted or refused as a whole: every submission is checked first, each accepted one has its own
 * id, and the batch id reads them together with the same access rules as one execution.
 */
class BatchTest extends SharedAppTest {

    @Test
    void acceptsABatchAndReadsItBackInOrder() {
        String token = signUp(uniqueName("batcher"));

        HttpResponse<String> answer = request("POST", "/api/v1/executions/batch", token, batchOf("print('a')", "print('b')", "print('c')"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode accepted = json(answer.body());
        String batchId = accepted.path("batch_id").asText();
        assertThat(answer.headers().firstValue("Location")).hasValue("/api/v1/executions/batch/" + batchId);
        List<String> ids = new ArrayList<>();
        accepted.path("executions").forEach(execution -> ids.add(execution.path("execution_id").asText()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(accepted.path("executions").get(0).path("status").asText()).isEqualTo("queued");

        List<String> outputs = ids.stream().map(id -> {
            HttpResponse<String> one = request("GET", "/api/v1/executions/" + id, token, null);
            assertThat(one.statusCode()).isEqualTo(200);
            return awaitTerminalAs(token, id).path("output").asText();
        }).toList();
        assertThat(outputs).containsExactly("a\n", "b\n", "c\n");

        JsonNode batch = json(request("GET", "/api/v1/executions/batch/" + batchId, token, null).body());
        assertThat(batch.path("batch_id").asText()).isEqualTo(batchId);
        List<String> read = new ArrayList<>();
        batch.path("executions").forEach(execution -> read.add(execution.path("execution_id").asText()));
        assertThat(read).containsExactlyElementsOf(ids);
        assertThat(batch.path("executions").get(2).path("output").asText()).isEqualTo("c\n");
    }

    @Test
    void oneInvalidSubmissionRefusesTheWholeBatch() {
        String token = signUp(uniqueName("careless"));

        assertProblem(request("POST", "/api/v1/executions/batch", token,
                "{\"executions\": [{\"script\": \"print(1)\"}, {\"stdin\": \"x\"}]}"), 400, "executions[1]: 'script' is required");
        assertProblem(request("POST", "/api/v1/executions/batch", token,
                "{\"executions\": [{\"script\": \"print(1)\", \"limits\": {\"timeout_seconds\": 999}}]}"), 400, "executions[0]: 'limits.timeout_seconds'");
        assertProblem(request("POST", "/api/v1/executions/batch", token,
                "{\"executions\": [{\"script\": \"print(1)\", \"callback_url\": \"http://10.0.0.1/hook\"}]}"), 422, "executions[0]");

        assertThat(json(request("GET", "/api/v1/executions", token, null).body()).path("total").asLong()).isZero();
    }

    @Test
    void refusesEmptyAndOversizedBatches() {
        String[] scripts = IntStream.range(0, 21).mapToObj(i -> "print(" + i + ")").toArray(String[]::new);

        assertProblem(post("/api/v1/executions/batch", "application/json", batchOf(scripts)), 400, "at most 20");
        assertProblem(post("/api/v1/executions/batch", "application/json", "{\"executions\": []}"), 400, "'executions'");
        assertProblem(post("/api/v1/executions/batch", "application/json", "{\"scripts\": []}"), 400, "Unknown field 'scripts'");
        assertProblem(post("/api/v1/executions/batch", "text/plain", "{}"), 415, null);
    }

    @Test
    void aUsersBatchIsTheirsAndAnAnonymousOneIsReadableById() {
        String alice = signUp(uniqueName("alice"));
        String bob = signUp(uniqueName("bob"));
        String alices = json(request("POST", "/api/v1/executions/batch", alice, batchOf("print(1)")).body()).path("batch_id").asText();

        assertProblem(request("GET", "/api/v1/executions/batch/" + alices, bob, null), 404, alices);
        assertProblem(get("/api/v1/executions/batch/" + alices), 404, alices);
        assertThat(request("GET", "/api/v1/executions/batch/" + alices, signInAdminToken(), null).statusCode()).isEqualTo(200);

        String anonymous = json(post("/api/v1/executions/batch", "application/json", batchOf("print(2)")).body()).path("batch_id").asText();
        assertThat(request("GET", "/api/v1/executions/batch/" + anonymous, bob, null).statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/executions/batch/no-such-batch"), 404, "no-such-batch");
    }

    @Test
    void aRetriedBatchWithItsIdempotencyKeyAnswersTheFirst() throws Exception {
        String token = signUp(uniqueName("retrier"));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/executions/batch"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).header("Idempotency-Key", "batch-key-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batchOf("print(1)", "print(2)"))).build();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> retry = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(json(retry.body()).path("batch_id").asText()).isEqualTo(json(first.body()).path("batch_id").asText());
        assertThat(json(retry.body()).path("executions")).hasSize(2);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(request("GET", "/api/v1/executions", token, null).body()).path("total").asLong()).isEqualTo(2);
    }

    /** The shared app's admin, registered by whichever test comes first (the same password as OwnershipTest's). */
    private String signInAdminToken() {
        String credentials = JSON.createObjectNode().put("username", ADMIN_NAME).put("password", "admin-Password1").toString();
        HttpResponse<String> registered = request("POST", "/api/v1/auth/register", null, credentials);
        HttpResponse<String> response = registered.statusCode() == 201 ? registered : request("POST", "/api/v1/auth/login", null, credentials);
        return json(response.body()).path("access_token").asText();
    }

    private JsonNode awaitTerminalAs(String token, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode execution = json(request("GET", "/api/v1/executions/" + id, token, null).body());
            if (List.of("completed", "failed", "timeout").contains(execution.path("status").asText())) {
                return execution;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("Execution " + id + " did not finish");
    }

    static String batchOf(String... scripts) {
        StringBuilder body = new StringBuilder("{\"executions\": [");
        for (int i = 0; i < scripts.length; i++) {
            body.append(i == 0 ? "" : ", ").append(JSON.createObjectNode().put("script", scripts[i]));
        }
        return body.append("]}").toString();
    }
}
