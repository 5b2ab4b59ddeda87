package io.integr8scode.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB: mongo-java-server on an H2 MVStore file, reachable over the real wire protocol on a
 * random loopback port, durable per command ({@link DurableH2Backend}) and open only to clients built from
 * {@link #clientSettings()}, which carry this start's secret ({@link ChannelGate}).
 */
final class EmbeddedStore implements AutoCloseable {

    private final MVStore store;
    private final MongoServer server;
    private final StoreCompaction compaction;
    private final String secret;

    private EmbeddedStore(MVStore store, MongoServer server, StoreCompaction compaction, String secret) {
        this.store = store;
        this.server = server;
        this.compaction = compaction;
        this.secret = secret;
    }

    static EmbeddedStore open(Path file, boolean fsync) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // No background thread: commits happen per command, compaction on our own timer.
        MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString()).autoCommitDisabled().open();
        String secret = ChannelGate.newSecret();
        MongoServer server = new MongoServer(new DurableH2Backend(store, fsync, new ChannelGate(secret)));
        try {
            server.bind("127.0.0.1", 0);
        } catch (RuntimeException e) {
            store.close(); // releases the file lock
            throw e;
        }
        return new EmbeddedStore(store, server, new StoreCompaction(store), secret);
    }

    InetSocketAddress address() {
        return server.getLocalAddress();
    }

    /** Settings for a client this store serves: its address, and the secret as the application name. */
    MongoClientSettings.Builder clientSettings() {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + address().getHostString() + ":" + address().getPort()))
                .applicationName(secret);
    }

    /** Stops compacting, closes the clients' connections, commits and closes the file. */
    @Override
    public void close() {
        compaction.close();
        server.shutdownNow(); // closes the backend, which commits and closes the MVStore
    }

    @Override
    public String toString() {
        return "embedded MongoDB (mongo-java-server) on " + address() + ", data in " + store.getFileStore().getFileName();
    }
}
