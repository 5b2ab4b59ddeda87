package io.integr8scode.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.integr8scode.AppTestSupport;
import io.integr8scode.execution.InstanceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Work lost to a crash (a running execution nobody runs, a queued one without a message) is finished by the sweep,
 * and holds on the caps that a crash left behind are given back.
 */
@DirtiesContext
class RecoveryTest extends AppTestSupport {

    @Autowired
    MongoClient mongo;

    @Autowired
    InstanceIdentity instance;

    @DynamicPropertySource
    static void ownAppWithAFastSweep(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.recovery.interval", () -> "1s");
        registry.add("integr8scode.recovery.requeue-after", () -> "2s");
        registry.add("integr8scode.recovery.stale-hold-after", () -> "1s");
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
        assertThat(get("/actuator/prometheus").body())
                .containsPattern("integr8scode_recovery_actions_total\\{action=\"failed_lost\"\\} [1-9]")
                .containsPattern("integr8scode_executions_finished_total\\{reason=\"lost\",status=\"failed\"\\} [1-9]");
    }

    @Test
    void failsWhatThisInstancesLocalRunnerRanBeforeItRestartedButLeavesAPodToFinish() {
        String local = UUID.randomUUID().toString();
        String inAPod = UUID.randomUUID().toString();
        executions().insertOne(claimedBeforeThisStart(local, "local"));
        executions().insertOne(claimedBeforeThisStart(inAPod, "kubernetes"));

        JsonNode execution = awaitTerminal(local, Duration.ofSeconds(20));
        sleep(Duration.ofSeconds(2)); // two more sweeps

        assertThat(execution.path("failure_reason").asText())
                .isEqualTo("lost: the runner stopped (platform restart or crash) before the script finished");
        assertThat(json(get("/api/v1/executions/" + inAPod).body()).path("status").asText())
                .as("a pod outlives the app: its watch and poll settle the execution").isEqualTo("running");
    }

    @Test
    void runsAQueuedExecutionWhoseMessageWasLost() {
        String id = UUID.randomUUID().toString();
        executions().insertOne(execution(id, "queued"));

        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(30));

        assertThat(execution.path("status").asText()).isEqualTo("completed");
        assertThat(execution.path("output").asText()).isEqualTo("recovered\n");
        assertThat(get("/actuator/prometheus").body()).containsPattern("integr8scode_recovery_actions_total\\{action=\"requeued\"\\} [1-9]");
    }

    @Test
    void givesBackHoldsACrashLeftBehind() {
        String running = UUID.randomUUID().toString();
        String finished = UUID.randomUUID().toString();
        executions().insertOne(execution(running, "running"));
        executions().insertOne(execution(finished, "completed"));
        Date old = Date.from(Instant.now().minusSeconds(600));
        MongoCollection<Document> holds = mongo.getDatabase("integr8scode").getCollection("holds");
        holds.insertOne(new Document("_id", "client:crashed-client").append("holds", List.of(
                hold("never-stored", old), hold(running, old), hold(finished, old))));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (heldIds(holds).size() > 1 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }

        assertThat(heldIds(holds)).as("the running execution keeps its hold").containsExactly(running);
    }

    /** Running, claimed by this very instance before it started, its deadline still ahead: a restart interrupted it. */
    private Document claimedBeforeThisStart(String id, String runner) {
        return execution(id, "running").append("runner", runner)
                .append("started_at", Date.from(instance.startedAt().minusSeconds(5)))
                .append("deadline_at", Date.from(Instant.now().plusSeconds(600)))
                .append("claimed_by", instance.id());
    }

    private static List<String> heldIds(MongoCollection<Document> holds) {
        return holds.find(new Document("_id", "client:crashed-client")).first().getList("holds", Document.class).stream()
                .map(hold -> hold.getString("execution_id")).toList();
    }

    private static Document hold(String executionId, Date at) {
        return new Document("execution_id", executionId).append("at", at);
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
