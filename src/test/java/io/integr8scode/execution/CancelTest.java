package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.AppTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cancelling queued executions, over HTTP and by a message on the submit queue. Dispatch is held, so an execution
 * stays queued until a test lets it run; the last test starts dispatch and shows that a cancelled execution never
 * runs. Who may cancel is who may read: someone else's execution is a 404, as for GET.
 */
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CancelTest extends AppTestSupport {

    private static final int BROKER_PORT = freePort();
    private static final String ADMIN = "cancel-admin";

    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void anAppThatQueuesWithoutRunning(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), BROKER_PORT);
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
        registry.add("integr8scode.security.admin-usernames", () -> ADMIN);
        // Executions stay queued here, and tests sign up several users from one address.
        registry.add("integr8scode.quota.sign-in.capacity", () -> "1000");
        registry.add("integr8scode.quota.max-active-per-user", () -> "1000");
        registry.add("integr8scode.quota.max-active-per-anonymous-client", () -> "1000");
    }

    @Test
    void cancelsAQueuedExecutionAtOnce() {
        String id = submitScript("print('never')");

        HttpResponse<String> cancelled = cancel(id, null);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        assertThat(json(cancelled.body()).path("execution_id").asText()).isEqualTo(id);
        assertThat(json(cancelled.body()).path("status").asText()).isEqualTo("cancelled");
        JsonNode execution = json(get("/api/v1/executions/" + id).body());
        assertThat(execution.path("status").asText()).isEqualTo("cancelled");
        assertThat(execution.path("failure_reason").asText()).isEqualTo("cancelled before it started");
        assertThat(execution.path("finished_at").asText()).isNotEmpty();
        assertThat(execution.path("started_at").isNull()).isTrue();
        assertThat(json(get("/result/" + id).body()).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void cancellingAQueuedExecutionWithACallbackAnswersWithItsId() {
        // Announcing the final status queues the callback, whose send clears the exchange's headers.
        String id = submit("{\"script\": \"print('never')\", \"callback_url\": \"https://hooks.example.com/cancelled\"}");

        HttpResponse<String> cancelled = cancel(id, null);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        assertThat(json(cancelled.body()).path("execution_id").asText()).isEqualTo(id);
        assertThat(json(cancelled.body()).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aFinishedExecutionCannotBeCancelled() {
        String id = submitScript("print('once')");
        assertThat(cancel(id, null).statusCode()).isEqualTo(202);

        assertProblem(cancel(id, null), 409, "is cancelled");
    }

    @Test
    void anUnknownExecutionIsNotFound() {
        assertProblem(cancel("no-such-execution", null), 404, "no-such-execution");
    }

    @Test
    void someoneElsesExecutionIsNotFoundButItsOwnerAndAnAdminMayCancel() {
        String owner = signUp(uniqueName("owner"));
        String stranger = signUp(uniqueName("stranger"));
        String admin = signUp(ADMIN);
        String first = json(request("POST", "/api/v1/executions", owner, "{\"script\": \"print(1)\"}").body()).path("execution_id").asText();
        String second = json(request("POST", "/api/v1/executions", owner, "{\"script\": \"print(2)\"}").body()).path("execution_id").asText();

        assertProblem(cancel(first, stranger), 404, first);
        assertProblem(cancel(first, null), 404, first);
        assertThat(json(request("GET", "/api/v1/executions/" + first, owner, null).body()).path("status").asText()).isEqualTo("queued");

        assertThat(cancel(first, owner).statusCode()).isEqualTo(202);
        assertThat(cancel(second, admin).statusCode()).isEqualTo(202);
        assertThat(json(request("GET", "/api/v1/executions/" + second, owner, null).body()).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void anAnonymousExecutionMayBeCancelledByAnyoneWithItsId() {
        String id = submitScript("print('anyone')");

        assertThat(cancel(id, signUp(uniqueName("passer-by"))).statusCode()).isEqualTo(202);
    }

    @Test
    void aQueueSubmitterCancelsWithAMessageAndGetsTheAnswerOrAnErrorReply() throws Exception {
        String anonymous = submitScript("print('queue cancel')");
        String owned = json(request("POST", "/api/v1/executions", signUp(uniqueName("owner")), "{\"script\": \"print(1)\"}").body())
                .path("execution_id").asText();
        JmsSubmitter submitter = new JmsSubmitter(new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER_PORT), "cancel-test-replies");
        try {
            submitter.submit(cancelMessage(anonymous), "cancel-1");
            QueueReplyContract.Reply answer = submitter.nextReply(30_000);
            assertThat(answer).as("a reply to the cancel").isNotNull();
            assertThat(answer.correlationId()).isEqualTo("cancel-1");
            assertThat(json(answer.body()).path("execution_id").asText()).isEqualTo(anonymous);
            assertThat(json(answer.body()).path("status").asText()).isEqualTo("cancelled");
            assertThat(json(get("/api/v1/executions/" + anonymous).body()).path("status").asText()).isEqualTo("cancelled");

            submitter.submit(cancelMessage(owned), "cancel-2");
            assertErrorReply(submitter.nextReply(30_000), 404);
            submitter.submit(cancelMessage(anonymous), "cancel-3");
            assertErrorReply(submitter.nextReply(30_000), 409);
            submitter.submit("{\"action\": \"cancel\"}", "cancel-4");
            assertErrorReply(submitter.nextReply(30_000), 400);
            submitter.submit("{\"action\": \"pause\", \"execution_id\": \"" + anonymous + "\"}", "cancel-5");
            assertErrorReply(submitter.nextReply(30_000), 400);
        } finally {
            submitter.close();
        }
    }

    /** Last: dispatch starts, takes the cancelled execution's work message off the queue, and drops it. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aCancelledExecutionNeverRunsOnceDispatchResumes() throws Exception {
        String cancelled = submitScript("print('must not run')");
        assertThat(cancel(cancelled, null).statusCode()).isEqualTo(202);

        camel.getRouteController().startRoute("dispatch-execution");
        JsonNode after = awaitTerminal(submitScript("print('runs')"), Duration.ofSeconds(60));

        assertThat(after.path("status").asText()).as("%s", after).isEqualTo("completed");
        JsonNode execution = json(get("/api/v1/executions/" + cancelled).body());
        assertThat(execution.path("status").asText()).isEqualTo("cancelled");
        assertThat(execution.path("started_at").isNull()).isTrue();
        assertThat(execution.path("output").asText()).isEmpty();
        assertProblem(cancel(after.path("execution_id").asText(), null), 409, "is completed");
    }

    private HttpResponse<String> cancel(String id, String token) {
        return request("POST", "/api/v1/executions/" + id + "/cancel", token, null);
    }

    private static String cancelMessage(String executionId) {
        return JSON.createObjectNode().put("action", "cancel").put("execution_id", executionId).toString();
    }

    private static void assertErrorReply(QueueReplyContract.Reply reply, int status) {
        assertThat(reply).as("an error reply").isNotNull();
        assertThat(json(reply.body()).path("status").asInt()).as(reply.body()).isEqualTo(status);
    }
}
