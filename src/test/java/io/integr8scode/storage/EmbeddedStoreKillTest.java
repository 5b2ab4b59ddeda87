package io.integr8scode.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process writing to the embedded store loses none of the writes it acknowledged. */
class EmbeddedStoreKillTest {

    @TempDir
    Path dir;

    @Test
    void keepsEveryAcknowledgedInsertWhenTheProcessIsKilled() throws Exception {
        Path file = dir.resolve("store.mv");
        Set<String> acknowledged = new HashSet<>();
        // Killed at different moments: right after the first write, and deeper into a run.
        int[] killAfterAcks = {1, 150, 600};
        for (int run = 0; run < killAfterAcks.length; run++) {
            List<String> acked = writeUntilKilled(file, "run" + run, killAfterAcks[run]);
            assertThat(acked).hasSizeGreaterThanOrEqualTo(killAfterAcks[run]);
            acknowledged.addAll(acked);

            Set<String> stored = storedIds(file);
            assertThat(stored).as("acknowledged inserts after kill -9 number %d", run + 1).containsAll(acknowledged);
        }
    }

    /** Starts a writer, kills it with SIGKILL once it has reported {@code killAfter} acks, returns every ack it printed. */
    private List<String> writeUntilKilled(Path file, String prefix, int killAfter) throws Exception {
        Path errors = dir.resolve(prefix + ".err");
        Process writer = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"),
                AcknowledgingWriter.class.getName(), file.toString(), prefix)
                .redirectError(errors.toFile())
                .start();
        // A safety net for a writer that hangs, not a timed assertion.
        CompletableFuture.delayedExecutor(2, TimeUnit.MINUTES).execute(writer::destroyForcibly);
        List<String> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(AcknowledgingWriter.ACKED)) {
                    acked.add(line.substring(AcknowledgingWriter.ACKED.length()));
                    if (acked.size() == killAfter) {
                        // SIGKILL (no shutdown hook, no close, no commit). Through the handle, which unlike
                        // Process.destroyForcibly leaves the pipe open: acks printed before death still count.
                        writer.toHandle().destroyForcibly();
                    }
                }
            }
        }
        writer.waitFor();
        assertThat(acked).as("acks before the kill; writer's stderr:%n%s", Files.readString(errors)).isNotEmpty();
        return acked;
    }

    private static Set<String> storedIds(Path file) throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(file, false);
                MongoClient client = MongoClients.create(store.clientSettings().build())) {
            Set<String> ids = new HashSet<>();
            client.getDatabase("durability").getCollection("documents").find().projection(new Document("_id", 1))
                    .forEach(document -> ids.add(document.getString("_id")));
            return ids;
        }
    }
}
