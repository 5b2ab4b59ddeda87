package io.integr8scode.holds;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.integr8scode.storage.MongoProperties;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The {@code holds} collection: one small document per capped thing ({@link #QUEUED} for the queue, one per
 * client), holding the ids of the executions that count against its cap. Taking a hold is one conditional
 * update that pushes the id only while the array is shorter than the cap ({@code "holds.<cap-1>"} does not
 * exist), so concurrent submissions can never overshoot: the check and the write are one atomic document
 * update, on MongoDB and on the embedded mongo-java-server alike (no transactions needed). Releasing is an
 * idempotent {@code $pull}.
 */
@Component
class HoldBook {

    static final String COLLECTION = "holds";
    static final String QUEUED = "queued";
    static final String HOLDS = "holds";
    static final String EXECUTION_ID = "execution_id";
    static final String AT = "at";

    private final MongoCollection<Document> holds;

    HoldBook(MongoClient mongo, MongoProperties properties) {
        this.holds = mongo.getDatabase(properties.database()).getCollection(COLLECTION);
    }

    static String clientHolds(String clientKey) {
        return "client:" + clientKey;
    }

    /**
     * Adds the execution to the document's holds if fewer than {@code cap} are there; false when full. The
     * update upserts, so a client's first hold creates its document; when the document exists but is full the
     * upsert's insert fails on the duplicate _id. That also happens to the loser of two concurrent first
     * upserts, so a duplicate key is tried once more against the now existing document before it means full.
     */
    boolean take(String documentId, int cap, String executionId, Date at) {
        if (cap <= 0) {
            return false;
        }
        Bson notFull = Filters.and(Filters.eq("_id", documentId), Filters.exists(HOLDS + "." + (cap - 1), false));
        Bson push = Updates.push(HOLDS, new Document(EXECUTION_ID, executionId).append(AT, at));
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                UpdateResult result = holds.updateOne(notFull, push, new UpdateOptions().upsert(true));
                return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return false;
    }

    void release(String documentId, String executionId) {
        releaseAll(documentId, List.of(executionId));
    }

    void releaseAll(String documentId, Collection<String> executionIds) {
        holds.updateOne(Filters.eq("_id", documentId),
                Updates.pullByFilter(new Document(HOLDS, new Document(EXECUTION_ID, new Document("$in", executionIds)))));
    }

    /** Every hold document; a handful (the queue and the clients with unfinished work), read by the sweep. */
    Iterable<Document> all() {
        return holds.find();
    }

    /** Drops client documents that hold nothing (the queue's own stays), so the collection stays small. */
    long dropEmptyClients() {
        return holds.deleteMany(Filters.and(Filters.ne("_id", QUEUED), Filters.size(HOLDS, 0))).getDeletedCount();
    }
}
