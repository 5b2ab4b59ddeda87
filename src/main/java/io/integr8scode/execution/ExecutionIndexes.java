package io.integr8scode.execution;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.integr8scode.storage.MongoProperties;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Indexes for the lookups the routes do, real in MongoDB and in the embedded store alike: by id (the _id);
 * a user's list, newest first, and the admin's list and retention (created_at, _id descending, the listing's
 * order, so a page is read off the index); queue depth, per-status gauges and stale queued work
 * (status, created_at); lost running work (status, deadline_at); a client's unfinished work
 * (client_key, status); a batch's executions in order (batch_id, batch_index); webhook callbacks still pending
 * (callback.status). Created before routes start; an index these replaced is dropped.
 */
@Component
class ExecutionIndexes implements InitializingBean {

    /** {owner_id: 1, created_at: 1}: the list sorts created_at and _id descending, which it could not serve. */
    static final List<String> SUPERSEDED = List.of("owner_id_1_created_at_1");

    private final MongoCollection<Document> executions;

    ExecutionIndexes(MongoClient mongo, MongoProperties properties) {
        this.executions = mongo.getDatabase(properties.database()).getCollection(ExecutionMapper.COLLECTION);
    }

    @Override
    public void afterPropertiesSet() {
        executions.createIndex(Indexes.compoundIndex(Indexes.ascending(ExecutionMapper.OWNER_ID),
                Indexes.descending(ExecutionMapper.CREATED_AT, ExecutionMapper.ID)));
        executions.createIndex(Indexes.descending(ExecutionMapper.CREATED_AT, ExecutionMapper.ID));
        executions.createIndex(Indexes.ascending(ExecutionMapper.STATUS, ExecutionMapper.CREATED_AT));
        executions.createIndex(Indexes.ascending(ExecutionMapper.STATUS, ExecutionMapper.DEADLINE_AT));
        executions.createIndex(Indexes.ascending(ExecutionMapper.CLIENT_KEY, ExecutionMapper.STATUS));
        executions.createIndex(Indexes.ascending(ExecutionMapper.BATCH_ID, ExecutionMapper.BATCH_INDEX));
        executions.createIndex(Indexes.ascending(ExecutionMapper.CALLBACK + ".status"));
        List<String> existing = executions.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());
        SUPERSEDED.stream().filter(existing::contains).forEach(executions::dropIndex);
    }
}
