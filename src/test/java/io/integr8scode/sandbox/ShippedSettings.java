package io.integr8scode.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Settings records bound the way the application binds them: from the shipped {@code application.yaml} (the one
 * place defaults live), under the JVM's system properties and environment (placeholders such as {@code user.home}
 * resolve as they do in the app), with a test's overrides on top.
 */
public final class ShippedSettings {

    private ShippedSettings() {
    }

    public static <T> T bind(String prefix, Class<T> type, Map<String, Object> overrides) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("test overrides", new LinkedHashMap<>(overrides)));
        new StandardEnvironment().getPropertySources().forEach(sources::addLast);
        try {
            new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                .bindOrCreate(prefix, type);
    }

    /** The shipped sandbox settings with the given runtime and every file under {@code dataDir}. */
    public static SandboxProperties sandbox(String runtime, Path dataDir) {
        return sandbox(Map.of("integr8scode.sandbox.runtime", runtime,
                "integr8scode.sandbox.data-dir", dataDir.toString(),
                "integr8scode.sandbox.state-dir", dataDir.resolve("state").toString()));
    }

    /** As {@link #sandbox(String, Path)}, with a pool of {@code poolSize} warm sandboxes, or none for 0. */
    public static SandboxProperties sandbox(String runtime, Path dataDir, int poolSize) {
        return sandbox(Map.of("integr8scode.sandbox.runtime", runtime,
                "integr8scode.sandbox.data-dir", dataDir.toString(),
                "integr8scode.sandbox.state-dir", dataDir.resolve("state").toString(),
                "integr8scode.sandbox.pool.enabled", poolSize > 0,
                "integr8scode.sandbox.pool.size", Math.max(poolSize, 1)));
    }

    public static SandboxProperties sandbox(Map<String, Object> overrides) {
        return bind("integr8scode.sandbox", SandboxProperties.class, overrides);
    }
}
