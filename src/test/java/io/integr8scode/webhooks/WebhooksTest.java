package io.integr8scode.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.integr8scode.AppTestSupport;
import io.integr8scode.storage.MongoProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A callback_url gets the finished execution, signed; a failing receiver is retried with backoff and then the
 * failure is recorded on the execution; forbidden targets are refused at submission (literal addresses) and at
 * delivery (names resolving to them). The allow-list admits 127.0.0.1 as a host, so the receiver is reachable.
 */
class WebhooksTest extends AppTestSupport {

    static final String SECRET = "webhook-test-secret";

    @Autowired
    MeterRegistry meters;

    @Autowired
    MongoClient mongo;

    @Autowired
    MongoProperties store;

    @DynamicPropertySource
    static void fastRetriesAndALocalReceiver(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.webhooks.secret", () -> SECRET);
        registry.add("integr8scode.webhooks.allowed-targets", () -> "127.0.0.1");
        registry.add("integr8scode.webhooks.max-attempts", () -> "3");
        registry.add("integr8scode.webhooks.first-retry-delay", () -> "200ms");
        registry.add("integr8scode.webhooks.max-retry-delay", () -> "1s");
        registry.add("integr8scode.quota.submissions.capacity", () -> "100000");
        registry.add("integr8scode.recovery.interval", () -> "1s");
    }

    @Test
    void deliversTheFinishedExecutionSigned() throws Exception {
        double deliveredBefore = callbacks("delivered");
        try (CallbackReceiver receiver = new CallbackReceiver(0)) {
            String id = submitWithCallback("print('hooked')", receiver.url("/hooks/done?token=abc"));

            JsonNode execution = awaitCallback(id, callback -> callback.path("status").asText().equals("delivered"));

            assertThat(receiver.deliveries()).hasSize(1);
            CallbackReceiver.Delivery delivery = receiver.deliveries().get(0);
            assertThat(delivery.method()).isEqualTo("POST");
            assertThat(delivery.path()).isEqualTo("/hooks/done");
            JsonNode body = json(delivery.body());
            assertThat(body.path("execution_id").asText()).isEqualTo(id);
            assertThat(body.path("status").asText()).isEqualTo("completed");
            assertThat(body.path("output").asText()).isEqualTo("hooked\n");
            assertThat(delivery.header("Content-Type")).startsWith("application/json");
            assertThat(delivery.header("X-Integr8sCode-Delivery")).isEqualTo(id);
            String signature = delivery.header("X-Integr8sCode-Signature");
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            String timestamp = signature.substring(2, signature.indexOf(','));
            assertThat(signature).endsWith("v1=" + hmac(timestamp + "." + delivery.body()));
            assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
            assertThat(execution.path("callback").path("attempts").asInt()).isEqualTo(1);
            assertThat(execution.path("callback").path("delivered_at").asText()).isNotBlank();
            assertThat(callbacks("delivered")).isEqualTo(deliveredBefore + 1);
        }
    }

    @Test
    void putsTheJudge0SubmissionToAJudge0CallbackAsJudge0Does() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(0)) {
            String url = receiver.url("/judge0/done");
            HttpResponse<String> created = post("/judge0/submissions", "application/json", JSON.createObjectNode()
                    .put("source_code", "print(input())").put("language_id", 71).put("stdin", "judged")
                    .put("expected_output", "judged").put("callback_url", url).toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String token = json(created.body()).path("token").asText();

            awaitCallback(token, callback -> callback.path("status").asText().equals("delivered"));

            assertThat(receiver.deliveries()).hasSize(1);
            CallbackReceiver.Delivery delivery = receiver.deliveries().get(0);
            assertThat(delivery.method()).isEqualTo("PUT");
            assertThat(delivery.path()).isEqualTo("/judge0/done");
            assertThat(delivery.header("Content-Type")).startsWith("application/json");
            JsonNode body = json(delivery.body());
            // Judge0's default fields in its serializer's order, text in Base64 whatever the submission used.
            assertThat(body.fieldNames()).toIterable()
                    .containsExactly("stdout", "time", "memory", "stderr", "token", "compile_output", "message", "status");
            assertThat(body.path("token").asText()).isEqualTo(token);
            assertThat(body.path("status")).isEqualTo(json("{\"id\": 3, \"description\": \"Accepted\"}"));
            // Judge0 encodes as Ruby's Base64.encode64 does: with line breaks.
            assertThat(new String(Base64.getMimeDecoder().decode(body.path("stdout").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("judged\n");
            assertThat(body.path("stderr").isNull()).isTrue();
            String signature = delivery.header("X-Integr8sCode-Signature");
            assertThat(signature).endsWith("v1=" + hmac(signature.substring(2, signature.indexOf(',')) + "." + delivery.body()));
            assertThat(json(get("/judge0/submissions/" + token + "?fields=callback_url").body()).path("callback_url").asText())
                    .isEqualTo(url);
        }
    }

    @Test
    void refusesAForbiddenJudge0CallbackAsAFieldError() {
        HttpResponse<String> refused = post("/judge0/submissions", "application/json",
                "{\"source_code\": \"print(1)\", \"language_id\": 71, \"callback_url\": \"http://169.254.169.254/latest\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused.body()).path("callback_url").get(0).asText()).contains("169.254.169.254");
    }

    @Test
    void retriesAFailingReceiverUntilItAnswers() {
        try (CallbackReceiver receiver = new CallbackReceiver(2)) {
            String id = submitWithCallback("print(1)", receiver.url("/flaky"));

            JsonNode execution = awaitCallback(id, callback -> callback.path("status").asText().equals("delivered"));

            assertThat(receiver.deliveries()).hasSize(3);
            assertThat(execution.path("callback").path("attempts").asInt()).isEqualTo(3);
        }
    }

    @Test
    void recordsTheFailureAfterTheLastAttempt() {
        double givenUpBefore = callbacks("given_up");
        try (CallbackReceiver receiver = new CallbackReceiver(Integer.MAX_VALUE)) {
            String id = submitWithCallback("print(1)", receiver.url("/down"));

            JsonNode execution = awaitCallback(id, callback -> callback.path("status").asText().equals("failed"));

            assertThat(execution.path("status").asText()).isEqualTo("completed");
            assertThat(execution.path("callback").path("attempts").asInt()).isEqualTo(3);
            assertThat(execution.path("callback").path("last_error").asText()).contains("HTTP 500");
            assertThat(receiver.deliveries()).hasSize(3);
            assertThat(callbacks("given_up")).isEqualTo(givenUpBefore + 1);
        }
    }

    @Test
    void refusesForbiddenTargetsAtSubmission() {
        for (String target : new String[] {"http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/",
                "http://[::ffff:192.168.1.1]/", "http://100.64.0.1/", "http://[fd00::1]/", "http://0.0.0.0/", "http://localhost:8080/",
                "http://metadata.google.internal/", "ftp://example.com/", "http://user:pw@example.com/", "not a url"}) {
            assertProblem(post("/api/v1/executions", "application/json",
                    JSON.createObjectNode().put("script", "print(1)").put("callback_url", target).toString()), 422, "callback_url");
        }
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"print(1)\", \"callback_url\": 5}"), 400, "callback_url");
    }

    @Test
    void refusesAtDeliveryANameThatResolvesToAForbiddenAddress() throws Exception {
        // The machine's own name: not refused as written, but it resolves to a loopback or private address (a CI
        // container's name to its bridge address), which only the literal 127.0.0.1 of the allow-list admits.
        String name = InetAddress.getLocalHost().getHostName();
        InetAddress resolved = InetAddress.getByName(name);
        assumeTrue(!name.equalsIgnoreCase("localhost") && (resolved.isLoopbackAddress() || resolved.isSiteLocalAddress()
                || resolved.isLinkLocalAddress()), () -> name + " resolves to a public address " + resolved);
        try (CallbackReceiver receiver = new CallbackReceiver(0)) {
            String id = submitWithCallback("print(1)", "http://" + name + ":" + receiver.port() + "/hook");

            JsonNode execution = awaitCallback(id, callback -> callback.path("status").asText().equals("failed"));

            assertThat(execution.path("callback").path("last_error").asText()).contains("resolves to " + resolved.getHostAddress());
            assertThat(receiver.deliveries()).isEmpty();
        }
    }

    @Test
    void queuesTheCallbackOfAnExecutionThatACrashLeftUnqueued() {
        try (CallbackReceiver receiver = new CallbackReceiver(0)) {
            String finished = submitScript("print('finished before the crash')");
            awaitTerminal(finished, Duration.ofSeconds(60));
            // What a crash between storing the final status and queueing the delivery leaves: a finished execution
            // (long ago) whose callback is pending and whose delivery the broker never saw.
            MongoCollection<Document> executions = mongo.getDatabase(store.database()).getCollection("executions");
            Document stranded = executions.find(new Document("_id", finished)).first();
            String id = finished + "-stranded";
            stranded.put("_id", id);
            stranded.put("finished_at", Date.from(Instant.now().minus(Duration.ofMinutes(10))));
            stranded.put("callback", new Document("url", receiver.url("/late")).append("status", "pending").append("attempts", 0));
            executions.insertOne(stranded);

            JsonNode execution = awaitCallback(id, callback -> callback.path("status").asText().equals("delivered"));

            assertThat(execution.path("callback").path("attempts").asInt()).isEqualTo(1);
            assertThat(receiver.deliveries()).hasSize(1);
            assertThat(json(receiver.deliveries().get(0).body()).path("execution_id").asText()).isEqualTo(id);
        }
    }

    private double callbacks(String result) {
        return meters.counter("integr8scode.callbacks", "result", result).count();
    }

    private String submitWithCallback(String script, String callbackUrl) {
        return submit(JSON.createObjectNode().put("script", script).put("callback_url", callbackUrl).toString());
    }

    private JsonNode awaitCallback(String id, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode execution = null;
        while (System.nanoTime() < deadline) {
            execution = json(get("/api/v1/executions/" + id).body());
            if (done.test(execution.path("callback"))) {
                return execution;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("The callback of " + id + " did not get there; last seen: " + execution);
    }

    static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
