package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.integr8scode.AppTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A submission is either accepted (202, stored and enqueued) or not stored at all: when the broker refuses the
 * work message, or the store's answer to the insert is lost, the execution is withdrawn, its holds are given
 * back, and the caller gets 503 problem+json with Retry-After. Dispatch is off, so nothing else moves.
 */
@CamelSpringBootTest
@DirtiesContext
class IntakeFailureTest extends AppTestSupport {

    private static final AtomicReference<RuntimeException> enqueueFailure = new AtomicReference<>();
    private static final AtomicReference<RuntimeException> afterInsertFailure = new AtomicReference<>();
    private static boolean advised;

    @Autowired
    CamelContext camel;

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void ownApp(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
    }

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "enqueue-execution", route -> route.weaveByToUri("jms:.*").before()
                    .process(exchange -> throwIfSet(enqueueFailure)));
            AdviceWith.adviceWith(camel, "accept-execution", route -> route.weaveByToUri(".*operation=insert.*").after()
                    .process(exchange -> throwIfSet(afterInsertFailure)));
            advised = true;
        }
    }

    @AfterEach
    void worksAgain() {
        enqueueFailure.set(null);
        afterInsertFailure.set(null);
    }

    @Test
    void aSubmissionTheBrokerRefusesIsNotStored() {
        enqueueFailure.set(new UncategorizedJmsException("AMQ219014: Timed out waiting for response"));

        HttpResponse<String> refused = post("/api/v1/executions", "application/json", "{\"script\": \"print(1)\"}");

        assertUnavailable(refused, "The work queue is not answering; try again shortly.");
        assertNothingStoredOrHeld();
    }

    @Test
    void aSubmissionWhoseInsertAnswerIsLostIsRemoved() {
        afterInsertFailure.set(new MongoSocketReadException("connection reset", new ServerAddress("store.invalid")));

        HttpResponse<String> refused = post("/api/v1/executions", "application/json", "{\"script\": \"print(1)\"}");

        assertUnavailable(refused, "The execution store is not answering; try again shortly.");
        assertNothingStoredOrHeld();
    }

    @Test
    void aQueueSubmissionThatCannotBeEnqueuedIsNotStoredEither() {
        enqueueFailure.set(new UncategorizedJmsException("AMQ219014: Timed out waiting for response"));

        camel.createProducerTemplate().sendBody("jms:queue:integr8scode.submit?exchangePattern=InOnly", "{\"script\": \"print(1)\"}");

        assertThat(camel.createConsumerTemplate().receiveBody("jms:queue:integr8scode.submit.DLQ", 20_000, String.class))
                .isEqualTo("{\"script\": \"print(1)\"}");
        assertNothingStoredOrHeld();
    }

    private void assertNothingStoredOrHeld() {
        MongoDatabase store = mongo.getDatabase("integr8scode");
        assertThat(store.getCollection("executions").countDocuments()).isZero();
        List<Document> holds = store.getCollection("holds").find().into(new ArrayList<>());
        assertThat(holds).allSatisfy(holder -> assertThat(holder.getList("holds", Document.class)).isEmpty());
    }

    private static void assertUnavailable(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(json(response.body()).path("detail").asText()).isEqualTo(detail);
    }

    private static void throwIfSet(AtomicReference<RuntimeException> failure) {
        RuntimeException thrown = failure.get();
        if (thrown != null) {
            throw thrown;
        }
    }
}
