package io.integr8scode.execution;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.integr8scode.storage.MongoProperties;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Indexes for the lookups the routes do: by id (the _id), queue depth and stale queued work
 * (status, created_at), lost running work (status, deadline_at), a user's history (owner_id, created_at)
 * and a client's unfinished work (client_key, status). Created before routes start.
 */
@Component
class ExecutionIndexes implements InitializingBean {

    private final MongoCollection<Document> executions;

    ExecutionIndexes(MongoClient mongo, MongoProperties properties) {
        this.executions = mongo.getDatabase(properties.database()).getCollection(ExecutionMapper.COLLECTION);
    }

    @Override
    public void afterPropertiesSet() {
        executions.createIndex(Indexes.ascending(ExecutionMapper.STATUS, ExecutionMapper.CREATED_AT));
        executions.createIndex(Indexes.ascending(ExecutionMapper.STATUS, ExecutionMapper.DEADLINE_AT));
        executions.createIndex(Indexes.ascending(ExecutionMapper.OWNER_ID, ExecutionMapper.CREATED_AT));
        executions.createIndex(Indexes.ascending(ExecutionMapper.CLIENT_KEY, ExecutionMapper.STATUS));
    }
}
