package io.integr8scode.monitoring;

import com.mongodb.client.MongoClient;
import io.integr8scode.storage.MongoProperties;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Readiness of the database: a ping over the wire, to the embedded server or the configured one. */
@Component("mongo")
class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient mongo;
    private final MongoProperties properties;

    MongoHealthIndicator(MongoClient mongo, MongoProperties properties) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.getDatabase(properties.database()).runCommand(new Document("ping", 1));
        builder.up().withDetail("database", properties.database()).withDetail("embedded", properties.embedded());
    }
}
