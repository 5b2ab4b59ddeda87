package io.integr8scode.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An H2 database whose collections read through indexes ({@link IndexedH2Collection}), whose non-unique
 * indexes are real ({@link SecondaryIndex}) and whose {@code countDocuments} is a count, not an aggregation
 * over every document ({@link CountPipeline}). Map names are H2Database's own, so its drop and rename of
 * collections and indexes apply to these maps too.
 */
final class IndexedH2Database extends H2Database {

    /** The store while the super constructor, which already opens collections and indexes, runs. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private MVStore store;

    private IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    static IndexedH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        OPENING.set(store);
        try {
            return new IndexedH2Database(databaseName, store, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = store().openMap("databases." + fullName);
        MVMap<String, Object> metaMap = store().openMap("meta." + fullName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        if (sparse) {
            return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse); // ignored, as before
        }
        MVMap<Object[], Boolean> entries = store().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                new MVMap.Builder<Object[], Boolean>().keyType(new IndexKeyType(SecondaryIndex.directions(keys))));
        return new SecondaryIndex(indexName, keys, entries);
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
        if (command.equalsIgnoreCase("aggregate") && query.get(command) instanceof String collectionName) {
            CountPipeline count = CountPipeline.of(query);
            if (count != null) {
                return count.answer(getFullCollectionNamespace(collectionName), resolveCollection(collectionName, false));
            }
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }
}
