package io.integr8scode.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.integr8scode.AppTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Work lost to a crash (a running execution nobody runs, a queued one without a message) is finished by the sweep. */
@DirtiesContext
class RecoveryTest extends AppTestSupport {

    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void ownAppWithAFastSweep(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.recovery.interval", () -> "1s");
        registry.add("integr8scode.recovery.requeue-after", () -> "2s");
    }

    @Test
    void failsARunningExecutionPastItsDeadline() {
        String id = UUID.randomUUID().toString();
        executions().insertOne(execution(id, "running")
                .append("started_at", Date.from(Instant.now().minusSeconds(600)))
                .append("deadline_at", Date.from(Instant.now().minusSeconds(60)))
                .append("claimed_by", "a-crashed-instance"));

        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(20));

        assertThat(execution.path("status").asText()).isEqualTo("failed");
        assertThat(execution.path("failure_reason").asText())
                .isEqualTo("lost: the runner stopped (platform restart or crash) before the script finished");
    }

    @Test
    void runsAQueuedExecutionWhoseMessageWasLost() {
        String id = UUID.randomUUID().toString();
        executions().insertOne(execution(id, "queued"));

        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(30));

        assertThat(execution.path("status").asText()).isEqualTo("completed");
        assertThat(execution.path("output").asText()).isEqualTo("recovered\n");
    }

    private MongoCollection<Document> executions() {
        return mongo.getDatabase("integr8scode").getCollection("executions");
    }

    /** What intake stores, as if the app had crashed right after storing it. */
    private static Document execution(String id, String status) {
        Date created = Date.from(Instant.now().minusSeconds(900));
        return new Document("_id", id).append("status", status)
                .append("script", "print('recovered')").append("stdin", "")
                .append("output", "").append("errors", "").append("output_truncated", false)
                .append("limits", new Document("timeout_seconds", 5).append("memory_mb", 64).append("cpu_millicores", 500))
                .append("runner", "local").append("created_at", created).append("updated_at", created);
    }
}
