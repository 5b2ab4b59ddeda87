package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.integr8scode.AppTestSupport;
import io.integr8scode.sandbox.SandboxResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The error paths of dispatch, driven by advising the runner route: executions end, never hang. */
@CamelSpringBootTest
@DirtiesContext
class DispatchErrorHandlingTest extends AppTestSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @DynamicPropertySource
    static void ownApp(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
    }

    /** What the advised runner throws before running the sandbox; null runs it normally. */
    private static final AtomicReference<Exception> runnerFailure = new AtomicReference<>();
    /** What dispatch's claim throws before it reaches the store; null claims normally. */
    private static final AtomicReference<RuntimeException> claimFailure = new AtomicReference<>();
    private static boolean advised;

    @BeforeEach
    void adviseTheRunnerOnce() throws Exception {
        runnerFailure.set(null);
        claimFailure.set(null);
        if (!advised) {
            AdviceWith.adviceWith(camel, "dispatch-execution", route -> route.weaveByToString(".*operation=findOneAndUpdate.*").before()
                    .process(exchange -> {
                        RuntimeException failure = claimFailure.get();
                        if (failure != null) {
                            throw failure;
                        }
                    }));
            AdviceWith.adviceWith(camel, "run-local-sandbox", route -> route.weaveByType(BeanDefinition.class).selectFirst().before()
                    .process(exchange -> {
                        Exception failure = runnerFailure.get();
                        if (failure != null) {
                            throw failure;
                        }
                    }));
            advised = true;
        }
    }

    @Test
    void marksTheExecutionFailedWhenTheRunnerBreaks() throws Exception {
        runnerFailure.set(new IllegalStateException("runtime exploded"));

        JsonNode execution = awaitTerminal(submitScript("print(1)"), Duration.ofSeconds(30));

        assertThat(execution.path("status").asText()).isEqualTo("failed");
        assertThat(execution.path("failure_reason").asText()).isEqualTo("platform error: runtime exploded");
        assertThat(execution.path("finished_at").asText()).isNotEmpty();
    }

    @Test
    void marksTheExecutionTimedOutWhenThePlatformGivesUpWaiting() throws Exception {
        runnerFailure.set(new TimeoutException("no answer from the sandbox"));

        JsonNode execution = awaitTerminal(submitScript("print(1)"), Duration.ofSeconds(30));

        assertThat(execution.path("status").asText()).isEqualTo("timeout");
    }

    @Test
    void failsAnExecutionWhoseWorkMessageFailsEveryDeliveryBeforeTheClaim() {
        claimFailure.set(new MongoSocketReadException("connection reset", new ServerAddress("store.invalid")));

        JsonNode execution = awaitTerminal(submitScript("print(1)"), Duration.ofSeconds(60));

        assertThat(execution.path("status").asText()).isEqualTo("failed");
        assertThat(execution.path("failure_reason").asText())
                .isEqualTo("platform error: the work message could not be delivered (dead-lettered)");
        assertThat(execution.path("started_at").isNull()).isTrue();
    }

    @Test
    void ignoresASecondOutcomeForAFinishedExecution() {
        String id = submitScript("print('first')");
        JsonNode finished = awaitTerminal(id, Duration.ofSeconds(30));

        producer.sendBodyAndHeader("direct:complete-execution",
                SandboxResult.platformFailure("a late duplicate", 1), "executionId", id);

        JsonNode after = json(get("/api/v1/executions/" + id).body());
        assertThat(after.path("status").asText()).isEqualTo("completed");
        assertThat(after.path("output").asText()).isEqualTo("first\n");
        assertThat(after.path("updated_at")).isEqualTo(finished.path("updated_at"));
    }

    @Test
    void dropsADuplicateDeliveryOfAFinishedExecution() {
        String id = submitScript("print('once')");
        JsonNode finished = awaitTerminal(id, Duration.ofSeconds(30));
        NotifyBuilder dispatched = new NotifyBuilder(camel).fromRoute("dispatch-execution").whenDone(1).create();

        producer.sendBody("jms:queue:integr8scode.executions?exchangePattern=InOnly", id);

        assertThat(dispatched.matches(20, TimeUnit.SECONDS)).isTrue();
        JsonNode after = json(get("/api/v1/executions/" + id).body());
        assertThat(after.path("started_at")).isEqualTo(finished.path("started_at"));
        assertThat(after.path("updated_at")).isEqualTo(finished.path("updated_at"));
    }

    @Test
    void dropsADuplicateDeliveryThatCarriesItsTimeLimit() {
        String id = submitScript("print('once')");
        JsonNode finished = awaitTerminal(id, Duration.ofSeconds(30));
        NotifyBuilder dispatched = new NotifyBuilder(camel).fromRoute("dispatch-execution").whenDone(1).create();

        // As the intake sends it: the claim is tried without a read first, and claims nothing.
        producer.sendBodyAndHeader("jms:queue:integr8scode.executions?exchangePattern=InOnly", id, "timeoutSeconds", 10);

        assertThat(dispatched.matches(20, TimeUnit.SECONDS)).isTrue();
        JsonNode after = json(get("/api/v1/executions/" + id).body());
        assertThat(after.path("status").asText()).isEqualTo("completed");
        assertThat(after.path("started_at")).isEqualTo(finished.path("started_at"));
        assertThat(after.path("updated_at")).isEqualTo(finished.path("updated_at"));
    }
}
