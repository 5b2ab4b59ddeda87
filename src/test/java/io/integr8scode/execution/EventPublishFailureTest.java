package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import io.integr8scode.AppTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Status events are notifications: when the broker cannot take one (an external broker restarting), the
 * execution still runs and finishes as it would have, and gives back its holds. Before, a failed "running" event
 * failed an execution that had not started.
 */
@CamelSpringBootTest
@DirtiesContext
class EventPublishFailureTest extends AppTestSupport {

    @Autowired
    CamelContext camel;

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void ownApp(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
    }

    @Test
    void anExecutionWhoseEventsCannotBePublishedStillRunsAndFinishes() throws Exception {
        AdviceWith.adviceWith(camel, "publish-execution-event", route -> route.weaveByToUri("jms:topic:.*").before()
                .process(exchange -> {
                    throw new UncategorizedJmsException("AMQ219010: Connection is destroyed");
                }));

        JsonNode execution = run("print('ran without events')");

        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo("completed");
        assertThat(execution.path("output").asText()).isEqualTo("ran without events\n");
        // Given back just after the final status is stored.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                mongo.getDatabase("integr8scode").getCollection("holds").find().into(new ArrayList<>()))
                .allSatisfy(holder -> assertThat(holder.getList("holds", Document.class)).isEmpty()));
    }
}
