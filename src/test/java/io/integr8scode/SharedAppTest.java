package io.integr8scode;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One app shared by every test class that extends this (Spring caches the context). */
public abstract class SharedAppTest extends AppTestSupport {

    private static final Path DATA_DIR = temporaryDirectory();
    protected static final int BROKER_PORT = freePort();

    @DynamicPropertySource
    static void sharedApp(DynamicPropertyRegistry registry) {
        isolate(registry, DATA_DIR, BROKER_PORT);
    }
}
