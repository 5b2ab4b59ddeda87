package io.integr8scode.scripts;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.integr8scode.storage.MongoProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** A user's script names are unique: the index decides, so two concurrent saves cannot both win. */
@Component
class ScriptIndexes implements InitializingBean {

    private final MongoClient mongo;
    private final MongoProperties properties;

    ScriptIndexes(MongoClient mongo, MongoProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.getDatabase(properties.database()).getCollection(SavedScriptMapper.COLLECTION)
                .createIndex(Indexes.ascending(SavedScriptMapper.OWNER_ID, SavedScriptMapper.NAME), new IndexOptions().unique(true));
    }
}
