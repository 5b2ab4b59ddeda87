package io.integr8scode.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one MongoClient of the app (camel-mongodb endpoints name it {@code integr8scodeMongo}). Without a
 * configured URI it talks, over the real wire protocol, to an {@link EmbeddedStore} whose data is an H2
 * MVStore file under the data directory, so history survives restarts and kills.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /**
     * Every operation (server selection, connecting, the command and its reply) is bounded by {@code
     * operationTimeout} (the driver's timeoutMS), so no request path can wait on the store longer than
     * spring.mvc.async.request-timeout allows for.
     */
    @Bean(destroyMethod = "close")
    MongoClient integr8scodeMongo(MongoProperties properties, EmbeddedMongo embedded,
                                  @Value("${integr8scode.mongodb.operation-timeout}") Duration operationTimeout) {
        MongoClientSettings.Builder settings = properties.embedded()
                ? embedded.store().clientSettings()
                : MongoClientSettings.builder().applyConnectionString(new ConnectionString(properties.uri()));
        return MongoClients.create(settings
                .timeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS))
                .build());
    }

    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo(MongoProperties properties, @Value("${integr8scode.data-dir}") Path dataDir) throws IOException {
        if (!properties.embedded()) {
            return EmbeddedMongo.NONE;
        }
        EmbeddedStore store = EmbeddedStore.open(dataDir.resolve("mongo").resolve("integr8scode.mv"), properties.embeddedFsync());
        log.info("Started the {}", store);
        return new EmbeddedMongo(store);
    }

    /** The embedded store if there is one, closed after the client (destroy order follows the dependency). */
    record EmbeddedMongo(EmbeddedStore store) implements AutoCloseable {

        static final EmbeddedMongo NONE = new EmbeddedMongo(null);

        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
