package io.integr8scode.storage;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend made durable: the stock backend lets the MVStore commit in the background
 * about once a second, so a write it has acknowledged is lost if the process dies within that second. Here
 * the store is opened without auto-commit and committed after every command, before the server writes the
 * reply: once a client has its acknowledgement the change is in the file (in the OS, which survives kill -9;
 * with {@code fsync} also forced to the disk, which survives power loss). Concurrent commits serialise on the
 * MVStore's lock, and one that finds nothing changed writes nothing. Only channels the gate admits are served.
 * Its databases read through real indexes ({@link IndexedH2Database}).
 */
final class DurableH2Backend extends H2Backend {

    private final MVStore store;
    private final boolean fsync;
    private final ChannelGate gate;

    DurableH2Backend(MVStore store, boolean fsync, ChannelGate gate) {
        super(store);
        this.store = store;
        this.fsync = fsync;
        this.gate = gate;
    }

    /** Called from the super constructor too: uses only what H2Backend has set. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IndexedH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!gate.admits(channel, command, query)) {
            return ChannelGate.unauthorized(command);
        }
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            store.commit();
            if (fsync) {
                store.sync();
            }
        }
    }

    /** A legacy OP_QUERY on a collection (a read) skips handleCommand: it passes the same gate. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!gate.admits(query.getChannel(), "find", query.getQuery())) {
            Document refusal = ChannelGate.unauthorized("find");
            refusal.put("$err", refusal.get("errmsg"));
            return new QueryResult(List.of(refusal));
        }
        return super.handleQuery(query);
    }
}
