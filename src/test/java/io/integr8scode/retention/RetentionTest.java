package io.integr8scode.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.integr8scode.AppTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The retention route deletes finished executions older than max-age, in batches, and keeps everything else:
 * unfinished executions however old, recent finished ones, and saved scripts.
 */
@CamelSpringBootTest
@DirtiesContext
class RetentionTest extends AppTestSupport {

    private static final Instant OLD = Instant.now().minus(Duration.ofHours(3));

    @Autowired
    MongoClient mongo;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry registry;

    private long insertedBytes;

    @DynamicPropertySource
    static void ownAppWithAnHourOfRetention(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
        registry.add("integr8scode.retention.max-age", () -> "1h");
        registry.add("integr8scode.retention.interval", () -> "500ms");
        registry.add("integr8scode.retention.initial-delay", () -> "0s");
        registry.add("integr8scode.retention.batch-size", () -> "3");
    }

    @Test
    void deletesOldFinishedExecutionsOnly() {
        // Read before anything is inserted: the sweep runs every 500 ms and may take a batch at any moment.
        double deletedBefore = deletedCount();
        double freedBefore = freedBytes();
        // An expired execution with artifacts: they are stored first, as completion does, so no sweep sees it without.
        String expiredWithArtifacts = UUID.randomUUID().toString();
        insertArtifact(expiredWithArtifacts);
        List<String> expired = new ArrayList<>(List.of(insert(expiredWithArtifacts, "completed", OLD, "")));
        for (int i = 1; i < 7; i++) {
            expired.add(insert("completed", OLD, "x".repeat(1_000 * i)));
        }
        expired.add(insert("failed", OLD, "a traceback"));
        expired.add(insert("timeout", OLD, ""));
        List<String> kept = List.of(insert("queued", OLD), insert("running", OLD),
                insert("completed", Instant.now()), insert("failed", Instant.now().minus(Duration.ofMinutes(50))));
        // Artifacts of an old running execution and of a recent finished one stay.
        List.of(kept.get(1), kept.get(2)).forEach(this::insertArtifact);
        database().getCollection("scripts").insertOne(new Document("_id", "an-old-script").append("owner_id", "someone")
                .append("name", "kept").append("script", "print(1)").append("created_at", Date.from(OLD)).append("updated_at", Date.from(OLD)));

        // Sweeps run every 500 ms; wait for one to have found everything (a NotifyBuilder on the sweep route would
        // count the split's per-status exchanges, so one sweep begun before the inserts could satisfy it).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                executions().find().map(document -> document.getString("_id")).into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(kept));
        // A later sweep finds nothing more to delete: what is kept stays kept.
        NotifyBuilder anotherSweep = new NotifyBuilder(camel).fromRoute("retention-sweep").whenDone(6).create();
        assertThat(anotherSweep.matches(60, TimeUnit.SECONDS)).isTrue();
        assertThat(executions().find().map(document -> document.getString("_id")).into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(kept);
        assertThat(deletedCount() - deletedBefore).isEqualTo(expired.size());
        // The bytes freed are the deleted documents' BSON size, as they were inserted.
        assertThat(freedBytes() - freedBefore).isEqualTo(insertedBytes);
        assertThat(database().getCollection("scripts").countDocuments(new Document("_id", "an-old-script"))).isOne();
        assertThat(database().getCollection("artifacts").find().map(document -> document.getString("execution_id"))
                .into(new ArrayList<>())).as("artifacts go with their execution").containsExactlyInAnyOrder(kept.get(1), kept.get(2));
    }

    private void insertArtifact(String executionId) {
        database().getCollection("artifacts").insertOne(new Document("_id", executionId + "/plot.png")
                .append("execution_id", executionId).append("position", 0).append("name", "plot.png")
                .append("media_type", "image/png").append("size", 3).append("data", new Binary(new byte[] {1, 2, 3}))
                .append("created_at", Date.from(OLD)));
    }

    private double deletedCount() {
        return registry.get("integr8scode.retention.deleted").counter().count();
    }

    private double freedBytes() {
        Counter freed = registry.get("integr8scode.retention.freed").counter();
        assertThat(freed.getId().getBaseUnit()).isEqualTo("bytes");
        return freed.count();
    }

    private String insert(String status, Instant created) {
        return insert(status, created, "");
    }

    /** Inserts an execution as exact BSON bytes; an expired one's size is added to insertedBytes. */
    private String insert(String status, Instant created, String output) {
        return insert(UUID.randomUUID().toString(), status, created, output);
    }

    private String insert(String id, String status, Instant created, String output) {
        boolean finished = !status.equals("queued") && !status.equals("running");
        RawBsonDocument document = new RawBsonDocument(new Document("_id", id).append("status", status)
                .append("script", "print(1)").append("stdin", "").append("output", output).append("errors", "")
                .append("output_truncated", false)
                .append("limits", new Document("timeout_seconds", 5).append("memory_mb", 64).append("cpu_millicores", 500))
                .append("runner", "local").append("created_at", Date.from(created)).append("updated_at", Date.from(created))
                .append("finished_at", finished ? Date.from(created.plusSeconds(1)) : null), new DocumentCodec());
        if (finished && created.equals(OLD)) {
            insertedBytes += document.getByteBuffer().remaining();
        }
        executions().withDocumentClass(RawBsonDocument.class).insertOne(document);
        return id;
    }

    private MongoCollection<Document> executions() {
        return database().getCollection("executions");
    }

    private MongoDatabase database() {
        return mongo.getDatabase("integr8scode");
    }
}
