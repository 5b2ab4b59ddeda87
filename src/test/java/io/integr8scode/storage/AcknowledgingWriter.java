package io.integr8scode.storage;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.LoggerFactory;

/**
 * Run in a child JVM by {@link EmbeddedStoreKillTest}: starts the embedded store on the given file through the
 * production classes and inserts documents over the wire until it is killed, printing {@code acked <id>} for
 * every insert the server has acknowledged.
 */
public final class AcknowledgingWriter {

    static final String ACKED = "acked ";

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path file = Path.of(args[0]);
        String prefix = args[1];
        Binary payload = new Binary(new byte[3000]); // about the size of a stored execution
        try (EmbeddedStore store = EmbeddedStore.open(file, false);
                MongoClient client = MongoClients.create(store.clientSettings().build())) {
            MongoCollection<Document> documents = client.getDatabase("durability").getCollection("documents");
            for (long i = 0; ; i++) {
                String id = prefix + "-" + i;
                documents.insertOne(new Document("_id", id).append("status", "queued").append("payload", payload));
                System.out.println(ACKED + id);
                System.out.flush();
            }
        }
    }
}
