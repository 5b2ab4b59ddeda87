package io.integr8scode.retention;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.integr8scode.artifacts.ArtifactStore;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.storage.MongoProperties;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * On a real MongoDB, a TTL index lets the server expire finished executions by itself, max-age after they
 * finished. It is on finished_at, which only a finished execution has (a date; queued and running ones hold null,
 * which a TTL index never expires), so unfinished work is safe from it. Skipped on the embedded store, which
 * accepts TTL indexes but never expires documents, and on a MongoDB-compatible server without TTL indexes
 * (FerretDB 1.x answers NotImplemented); the retention route covers all of them. Artifacts (another collection)
 * expire by their own TTL index, on when they were stored, which is when their execution finished.
 */
@Component
class RetentionTtlIndex implements InitializingBean {

    static final String NAME = "finished_at_ttl";
    static final String ARTIFACTS_NAME = "artifacts_created_at_ttl";
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int NOT_IMPLEMENTED = 238;
    private static final Logger LOG = LoggerFactory.getLogger(RetentionTtlIndex.class);

    private final MongoClient mongo;
    private final MongoProperties store;
    private final RetentionProperties retention;

    RetentionTtlIndex(MongoClient mongo, MongoProperties store, RetentionProperties retention) {
        this.mongo = mongo;
        this.store = store;
        this.retention = retention;
    }

    @Override
    public void afterPropertiesSet() {
        if (store.embedded()) {
            return;
        }
        MongoDatabase database = mongo.getDatabase(store.database());
        long seconds = retention.maxAge().toSeconds();
        if (expire(database, ExecutionMapper.COLLECTION, ExecutionMapper.FINISHED_AT, NAME, seconds)) {
            // An execution's artifacts are stored as it finishes: they expire with it.
            expire(database, ArtifactStore.COLLECTION, ArtifactStore.CREATED_AT, ARTIFACTS_NAME, seconds);
        }
    }

    /** A TTL index on the field; false when the store has no TTL indexes. */
    private static boolean expire(MongoDatabase database, String collection, String field, String name, long seconds) {
        try {
            database.getCollection(collection).createIndex(Indexes.ascending(field),
                    new IndexOptions().name(name).expireAfter(seconds, TimeUnit.SECONDS));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == NOT_IMPLEMENTED) {
                LOG.warn("The store has no TTL indexes ({}): the retention route alone deletes old executions", e.getErrorMessage());
                return false;
            }
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT) {
                throw e;
            }
            // max-age changed since the index was made: change its expiry in place.
            database.runCommand(new Document("collMod", collection)
                    .append("index", new Document("name", name).append("expireAfterSeconds", seconds)));
        }
        return true;
    }
}
