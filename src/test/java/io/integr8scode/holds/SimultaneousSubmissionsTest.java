package io.integr8scode.holds;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.nimbusds.jose.jwk.RSAKey;
import io.integr8scode.AppTestSupport;
import io.integr8scode.security.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The caps hold exactly under 200 submissions sent at once, in an app that queues without running (so nothing
 * frees a slot): first 20 users send 10 each against a cap of 3 unfinished per user, then 200 anonymous
 * submissions meet max-queued. Every refusal carries Retry-After.
 */
@DirtiesContext
class SimultaneousSubmissionsTest extends AppTestSupport {

    private static final int USERS = 20;
    private static final int PER_USER = 10;
    private static final int USER_CAP = 3;
    private static final int MAX_QUEUED = 100;
    private static final String SCRIPT = "{\"script\": \"print(1)\"}";

    @Autowired
    RSAKey jwtSigningKey;

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void anAppThatOnlyQueues(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
        registry.add("integr8scode.executions.max-queued", () -> String.valueOf(MAX_QUEUED));
        registry.add("integr8scode.quota.max-active-per-user", () -> String.valueOf(USER_CAP));
        registry.add("integr8scode.quota.max-active-per-anonymous-client", () -> "1000");
        registry.add("integr8scode.quota.submissions.capacity", () -> "100000");
    }

    @Test
    void capsHoldUnderTwoHundredSimultaneousSubmissions() {
        List<String> tokens = new ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            tokens.add(TestTokens.sign(jwtSigningKey, TestTokens.claims("burst-user-" + user, "burst-user-" + user).build()));
        }
        List<String> senders = new ArrayList<>();
        for (String token : tokens) {
            for (int i = 0; i < PER_USER; i++) {
                senders.add(token);
            }
        }

        List<HttpResponse<String>> userAnswers = sendAtOnce(senders);

        for (String token : tokens) {
            List<HttpResponse<String>> own = userAnswers.stream()
                    .filter(answer -> answer.request().headers().firstValue("Authorization").orElseThrow().endsWith(token)).toList();
            assertThat(statusCounts(own)).as("answers to one user").isEqualTo(Map.of(202, (long) USER_CAP, 429, (long) (PER_USER - USER_CAP)));
        }
        assertRefusalsSayWhenToRetry(userAnswers);
        int queuedByUsers = USERS * USER_CAP;

        List<String> anonymous = new ArrayList<>();
        for (int i = 0; i < USERS * PER_USER; i++) {
            anonymous.add(null);
        }
        List<HttpResponse<String>> anonymousAnswers = sendAtOnce(anonymous);

        assertThat(statusCounts(anonymousAnswers))
                .isEqualTo(Map.of(202, (long) (MAX_QUEUED - queuedByUsers), 503, (long) (anonymous.size() - MAX_QUEUED + queuedByUsers)));
        assertRefusalsSayWhenToRetry(anonymousAnswers);
        MongoDatabase store = mongo.getDatabase("integr8scode");
        assertThat(store.getCollection("executions").countDocuments(Filters.eq("status", "queued"))).isEqualTo(MAX_QUEUED);
        assertThat(store.getCollection("holds").find(Filters.eq("_id", "queued")).first().getList("holds", Document.class))
                .hasSize(MAX_QUEUED);
    }

    /** Sends one submission per entry (a bearer token, or null for anonymous) all at once and waits for every answer. */
    private List<HttpResponse<String>> sendAtOnce(List<String> tokens) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<HttpRequest> requests = tokens.stream().map(token -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SCRIPT));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return request.build();
        }).toList();
        List<CompletableFuture<HttpResponse<String>>> answers = requests.stream()
                .map(request -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static Map<Integer, Long> statusCounts(List<HttpResponse<String>> answers) {
        return answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    private static void assertRefusalsSayWhenToRetry(List<HttpResponse<String>> answers) {
        assertThat(answers.stream().filter(answer -> answer.statusCode() != 202))
                .isNotEmpty()
                .allSatisfy(refused -> {
                    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                            .hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
                });
    }
}
