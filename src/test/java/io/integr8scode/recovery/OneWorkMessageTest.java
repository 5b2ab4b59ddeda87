package io.integr8scode.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.AppTestSupport;
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

    @DynamicPropertySource
    static void ownAppWithAFranticSweep(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.recovery.interval", () -> "200ms");
        registry.add("integr8scode.recovery.requeue-after", () -> "0s");
        registry.add("integr8scode.executions.slots", () -> "1");
    }

    @Test
    void aBacklogDrainsWithOneMessagePerExecution() {
        NotifyBuilder dispatched = new NotifyBuilder(camel).fromRoute("dispatch-execution").whenExactlyDone(BACKLOG).create();
        NotifyBuilder ran = new NotifyBuilder(camel).fromRoute("run-local-sandbox").whenExactlyDone(BACKLOG).create();
        NotifyBuilder resent = new NotifyBuilder(camel).fromRoute("enqueue-execution").whenDone(BACKLOG * 3).create();
        Queue work = broker.getActiveMQServer().locateQueue(SimpleString.of("integr8scode.executions"));
        long addedBefore = work.getMessagesAdded();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            ids.add(submitScript("import time; time.sleep(0.3); print(" + i + ")"));
        }
        for (String id : ids) {
            assertThat(awaitTerminal(id, Duration.ofSeconds(120)).path("status").asText()).isEqualTo("completed");
        }
        // The sweep kept re-sending while the backlog drained ...
        assertThat(resent.matches(30, TimeUnit.SECONDS)).as("the sweep re-sent queued executions").isTrue();
        // ... and sweeps after the drain find nothing to send.
        NotifyBuilder laterSweeps = new NotifyBuilder(camel).fromRoute("recovery-sweep").whenDone(3).create();
        assertThat(laterSweeps.matches(30, TimeUnit.SECONDS)).isTrue();

        assertThat(work.getMessagesAdded() - addedBefore).as("work messages the broker kept").isEqualTo(BACKLOG);
        assertThat(dispatched.matches()).as("dispatched exactly once each").isTrue();
        assertThat(ran.matches()).as("ran exactly once each").isTrue();
        assertThat(work.getMessageCount()).isZero();
    }
}
