package io.integr8scode.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** An empty {@code uri} means: run the embedded, file-backed mongo-java-server. */
@ConfigurationProperties("integr8scode.mongodb")
public record MongoProperties(String uri, String database) {

    public boolean embedded() {
        return uri == null || uri.isBlank();
    }
}
