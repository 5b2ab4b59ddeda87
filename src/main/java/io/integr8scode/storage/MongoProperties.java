package io.integr8scode.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An empty {@code uri} means: run the embedded, file-backed mongo-java-server. {@code embeddedFsync} makes
 * the embedded store force every commit to the disk (power-loss safety) instead of only to the OS.
 */
@ConfigurationProperties("integr8scode.mongodb")
public record MongoProperties(String uri, String database, boolean embeddedFsync) {

    public boolean embedded() {
        return uri == null || uri.isBlank();
    }
}
