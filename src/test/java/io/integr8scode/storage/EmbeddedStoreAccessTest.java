package io.integr8scode.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's loopback port serves the app's client only: any other local client gets error 13. */
class EmbeddedStoreAccessTest {

    private static final int UNAUTHORIZED = 13;

    @TempDir
    Path dir;

    private EmbeddedStore store;
    private MongoClient app;

    @BeforeEach
    void start() throws IOException {
        store = EmbeddedStore.open(dir.resolve("store.mv"), false);
        app = MongoClients.create(store.clientSettings().build());
    }

    @AfterEach
    void stop() {
        app.close();
        store.close();
    }

    @Test
    void servesTheAppsOwnClient() {
        executions(app).insertOne(new Document("_id", "e1").append("status", "queued"));

        assertThat(executions(app).find(new Document("_id", "e1")).first()).containsEntry("status", "queued");
    }

    @Test
    void refusesAClientWithoutTheSecret() {
        executions(app).insertOne(new Document("_id", "e1").append("status", "queued"));

        try (MongoClient stranger = MongoClients.create(strangerSettings().build())) {
            assertThatThrownBy(() -> executions(stranger).find().first()).isInstanceOfSatisfying(MongoException.class,
                    e -> assertThat(e.getCode()).isEqualTo(UNAUTHORIZED));
            assertThatThrownBy(() -> executions(stranger).insertOne(new Document("_id", "intruder")))
                    .isInstanceOfSatisfying(MongoException.class, e -> assertThat(e.getCode()).isEqualTo(UNAUTHORIZED));
        }
        assertThat(executions(app).countDocuments()).isEqualTo(1);
    }

    @Test
    void refusesAClientThatGuessesTheSecretWrong() {
        try (MongoClient guesser = MongoClients.create(strangerSettings().applicationName("integr8scode").build())) {
            assertThatThrownBy(() -> executions(guesser).find().first()).isInstanceOfSatisfying(MongoException.class,
                    e -> assertThat(e.getCode()).isEqualTo(UNAUTHORIZED));
        }
    }

    /** A legacy OP_QUERY on a collection takes another path through mongo-java-server than commands do. */
    @Test
    void refusesALegacyQueryWithoutTheSecret() throws IOException {
        executions(app).insertOne(new Document("_id", "e1").append("status", "queued"));

        BsonDocument reply = legacyQuery(store.address(), "integr8scode.executions", new BsonDocument());

        assertThat(reply.getInt32("code").getValue()).isEqualTo(UNAUTHORIZED);
        assertThat(reply.containsKey("status")).isFalse();
    }

    private MongoClientSettings.Builder strangerSettings() {
        InetSocketAddress address = store.address();
        return MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .retryReads(false)
                .retryWrites(false);
    }

    private static MongoCollection<Document> executions(MongoClient client) {
        return client.getDatabase("integr8scode").getCollection("executions");
    }

    /** Sends one OP_QUERY (opcode 2004) as its first message on a new connection and returns the first reply document. */
    private static BsonDocument legacyQuery(InetSocketAddress address, String namespace, BsonDocument query) throws IOException {
        BasicOutputBuffer encoded = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(encoded), query, EncoderContext.builder().build());
        byte[] queryBytes = encoded.toByteArray();
        byte[] name = namespace.getBytes(StandardCharsets.UTF_8);
        int length = 16 + 4 + name.length + 1 + 4 + 4 + queryBytes.length;
        ByteBuffer message = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(length).putInt(1).putInt(0).putInt(2004) // header: length, request id, response to, opcode
                .putInt(0).put(name).put((byte) 0).putInt(0).putInt(1) // flags, collection, skip, number to return
                .put(queryBytes);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(message.array());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] lengthBytes = in.readNBytes(4);
            int replyLength = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] rest = in.readNBytes(replyLength - 4);
            // After the header (16) come flags (4), cursor id (8), starting from (4), number returned (4): 36 bytes.
            ByteBuffer documents = ByteBuffer.wrap(rest, 32, rest.length - 32).slice().order(ByteOrder.LITTLE_ENDIAN);
            int documentLength = documents.getInt(0);
            byte[] first = new byte[documentLength];
            documents.get(first);
            return new RawBsonDocument(first).toBsonDocument();
        }
    }
}
