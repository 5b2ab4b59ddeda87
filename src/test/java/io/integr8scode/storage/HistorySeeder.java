package io.integr8scode.storage;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionStatus;
import io.integr8scode.sandbox.ExecutionLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * Seeds a stopped app's embedded store with finished executions, for bench/store-scale.sh: opens the data
 * file through the production store (so the indexes the app created on its first start are maintained as
 * documents go in) and inserts over the wire in batches. {@code ownedCount} of them belong to the given user,
 * the rest to 1,000 other users and to anonymous callers; created_at spreads over the last 20 days.
 * Batches of 10,000 (one commit each).
 * Usage: HistorySeeder <store file> <count> <owner id> <owned count>
 */
public final class HistorySeeder {

    private static final int BATCH = 10_000;
    private static final String[] OUTCOMES = {"completed", "completed", "completed", "completed", "failed", "timeout"};

    public static void main(String[] args) throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String ownerId = args[2];
        int owned = Integer.parseInt(args[3]);
        long started = System.nanoTime();
        try (EmbeddedStore store = EmbeddedStore.open(file, false);
                MongoClient client = MongoClients.create(store.clientSettings().build())) {
            MongoCollection<Document> executions = client.getDatabase("integr8scode").getCollection(ExecutionMapper.COLLECTION);
            long existing = executions.countDocuments();
            Instant newest = Instant.now().minusSeconds(3600);
            List<Document> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < count; i++) {
                batch.add(ExecutionMapper.toDocument(execution(i, count, owned, ownerId, newest)));
                if (batch.size() == BATCH || i == count - 1) {
                    executions.insertMany(batch);
                    batch.clear();
                }
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("seeded %d in %d s%n", i + 1, Duration.ofNanos(System.nanoTime() - started).toSeconds());
                }
            }
            System.out.printf("seeded %d executions (%d were there) in %d s%n", count, existing,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
    }

    /** The i-th of count: older as i grows, every (count / owned)-th the user's, else another user's or anonymous. */
    private static Execution execution(int i, int count, int owned, String ownerId, Instant newest) {
        Instant created = newest.minusMillis((long) i * Duration.ofDays(20).toMillis() / count);
        boolean mine = owned > 0 && i % Math.max(1, count / owned) == 0 && i / Math.max(1, count / owned) < owned;
        // Other users' and anonymous histories in runs of 1,000, as a user submits in sessions: a batch then
        // touches a few index leaves, not one per user (seeding a million would otherwise take hours).
        int run = i / 1000;
        String owner = mine ? ownerId : run % 3 == 0 ? null : "seed-user-" + (run % 1000);
        String clientKey = owner == null ? "ip:10.0." + (run % 250) + ".7" : "user:" + owner;
        ExecutionStatus status = ExecutionStatus.of(OUTCOMES[i % OUTCOMES.length]);
        Instant startedAt = created.plusMillis(40);
        // Random like the app's ids, but ascending, so batches append to the _id map instead of rewriting it.
        String id = String.format("%08x", i) + UUID.randomUUID().toString().substring(8);
        return new Execution(id, status, "print('Hello, Integr8sCode!')\n", null,
                status == ExecutionStatus.COMPLETED ? "Hello, Integr8sCode!\n" : "", status == ExecutionStatus.FAILED ? "Traceback: boom\n" : "",
                status == ExecutionStatus.TIMEOUT ? null : status == ExecutionStatus.COMPLETED ? 0 : 1,
                status == ExecutionStatus.TIMEOUT ? "wall-time limit" : null, false, new ExecutionLimits(10, 128, 500), "local",
                created, startedAt.plusMillis(60), startedAt, startedAt.plusMillis(60), 60L,
                new Execution.ResourceUsage(12L, 9000L), owner, owner == null ? null : owner, clientKey, null, null);
    }
}
