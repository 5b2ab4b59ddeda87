package io.integr8scode.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one MongoClient of the app (camel-mongodb endpoints name it {@code integr8scodeMongo}). Without a
 * configured URI it talks, over the real wire protocol, to an embedded mongo-java-server whose data is
 * an H2 MVStore file under the data directory, so history survives restarts.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    @Bean(destroyMethod = "close")
    MongoClient integr8scodeMongo(MongoProperties properties, EmbeddedMongo embedded) {
        String uri = properties.embedded() ? embedded.connectionString() : properties.uri();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS))
                .build());
    }

    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo(MongoProperties properties, @Value("${integr8scode.data-dir}") Path dataDir) throws IOException {
        if (!properties.embedded()) {
            return EmbeddedMongo.NONE;
        }
        Path file = dataDir.resolve("mongo").resolve("integr8scode.mv").toAbsolutePath();
        Files.createDirectories(file.getParent());
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        log.info("Embedded MongoDB (mongo-java-server) on {}, data in {}", server.getLocalAddress(), file);
        return new EmbeddedMongo(server, backend);
    }

    /** The embedded server, closed after the client (destroy order follows the dependency). */
    record EmbeddedMongo(MongoServer server, H2Backend backend) implements AutoCloseable {

        static final EmbeddedMongo NONE = new EmbeddedMongo(null, null);

        String connectionString() {
            return "mongodb://" + server.getLocalAddress().getHostString() + ":" + server.getLocalAddress().getPort();
        }

        @Override
        public void close() {
            if (server != null) {
                server.shutdown(); // also closes the backend, flushing the MVStore file
            }
        }
    }
}
