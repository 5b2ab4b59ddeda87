package io.integr8scode.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.SharedAppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key makes a retried submission answer the first one's execution: per caller, atomic under
 * simultaneous requests, and refused (422) when the same key comes with another body.
 */
class IdempotencyTest extends SharedAppTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aRetriedSubmissionAnswersTheFirstOnesExecution() {
        String token = signUp(uniqueName("retrier"));
        String body = "{\"script\": \"print('once')\"}";

        HttpResponse<String> first = submit(token, "key-retry-1", body).join();
        HttpResponse<String> retry = submit(token, "key-retry-1", body).join();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        String id = json(first.body()).path("execution_id").asText();
        assertThat(json(retry.body()).path("execution_id").asText()).isEqualTo(id);
        assertThat(retry.headers().firstValue("Location")).hasValue("/api/v1/executions/" + id);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(listedTotal(token)).isEqualTo(1);
        assertThat(request("GET", "/api/v1/executions/" + id, token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void simultaneousRequestsWithOneKeyCreateOneExecution() {
        String token = signUp(uniqueName("burst"));
        String body = "{\"script\": \"print('burst')\"}";

        List<HttpResponse<String>> answers = IntStream.range(0, 8).mapToObj(i -> submit(token, "key-burst", body)).toList()
                .stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202));
        assertThat(answers.stream().map(answer -> json(answer.body()).path("execution_id").asText()).distinct()).hasSize(1);
        assertThat(listedTotal(token)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String token = signUp(uniqueName("reuser"));
        assertThat(submit(token, "key-reuse", "{\"script\": \"print(1)\"}").join().statusCode()).isEqualTo(202);

        assertProblem(submit(token, "key-reuse", "{\"script\": \"print(2)\"}").join(), 422, "Idempotency-Key 'key-reuse'");
        assertThat(listedTotal(token)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirCaller() {
        String alice = signUp(uniqueName("alice"));
        String bob = signUp(uniqueName("bob"));
        String body = "{\"script\": \"print(1)\"}";

        String alices = json(submit(alice, "shared-key", body).join().body()).path("execution_id").asText();
        String bobs = json(submit(bob, "shared-key", body).join().body()).path("execution_id").asText();

        assertThat(bobs).isNotEqualTo(alices);
        assertProblem(request("GET", "/api/v1/executions/" + alices, bob, null), 404, alices);
    }

    @Test
    void anonymousCallersAreKeyedByTheirAddress() {
        String body = "{\"script\": \"print('anonymous')\"}";

        String first = json(submit(null, "anonymous-key", body).join().body()).path("execution_id").asText();
        String retry = json(submit(null, "anonymous-key", body).join().body()).path("execution_id").asText();

        assertThat(retry).isEqualTo(first);
    }

    @Test
    void anInvalidKeyIsRefused() {
        assertProblem(submit(null, "a key with spaces", "{\"script\": \"print(1)\"}").join(), 400, "Idempotency-Key");
    }

    private CompletableFuture<HttpResponse<String>> submit(String token, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long listedTotal(String token) {
        return json(request("GET", "/api/v1/executions", token, null).body()).path("total").asLong();
    }
}
