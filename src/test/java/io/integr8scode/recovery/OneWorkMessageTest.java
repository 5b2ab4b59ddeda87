package io.integr8scode.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.AppTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A backlog drains while the recovery sweep re-sends every queued execution several times a second: the
 * broker keeps exactly one work message per execution (the re-sends share its duplicate id), so dispatch
 * takes each execution once and each runs once.
 */
@CamelSpringBootTest
@DirtiesContext
class OneWorkMessageTest extends AppTestSupport {

    private static final int BACKLOG = 12;

    @Autowired
    CamelContext camel;

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void ownAppWithAFranticSweep(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.recovery.interval", () -> "200ms");
        registry.add("integr8scode.recovery.requeue-after", () -> "0s");
        registry.add("integr8scode.executions.slots", () -> "1");
        registry.add("integr8scode.quota.max-active-per-anonymous-client", () -> "100");
    }

    @Test
    void aBacklogDrainsWithOneMessagePerExecution() {
        Queue work = broker.getActiveMQServer().locateQueue(SimpleString.of("integr8scode.executions"));
        long addedBefore = work.getMessagesAdded();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            ids.add(submitScript("import time; time.sleep(0.3); print(" + i + ")"));
        }
        for (String id : ids) {
            assertThat(awaitTerminal(id, Duration.ofSeconds(120)).path("status").asText()).isEqualTo("completed");
        }
        // Sweeps after the drain, so nothing is still on its way.
        NotifyBuilder laterSweeps = new NotifyBuilder(camel).fromRoute("recovery-sweep").whenDone(3).create();
        assertThat(laterSweeps.matches(30, TimeUnit.SECONDS)).isTrue();

        assertThat(exchangesThrough("enqueue-execution")).as("sends, the sweep's re-sends included").isGreaterThan(2 * BACKLOG);
        assertThat(work.getMessagesAdded() - addedBefore).as("work messages the broker kept").isEqualTo(BACKLOG);
        assertThat(exchangesThrough("dispatch-execution")).as("deliveries to dispatch").isEqualTo(BACKLOG);
        assertThat(exchangesThrough("run-local-sandbox")).as("runs").isEqualTo(BACKLOG);
        assertThat(work.getMessageCount()).isZero();
    }

    /** Exchanges that entered the route, from Camel's route metrics. */
    private long exchangesThrough(String routeId) {
        return (long) registry.get("camel.exchanges.total").tag("routeId", routeId).counter().count();
    }
}
