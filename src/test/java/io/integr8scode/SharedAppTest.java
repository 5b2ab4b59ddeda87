package io.integr8scode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One app shared by every test class that extends this (Spring caches the context). */
public abstract class SharedAppTest extends AppTestSupport {

    private static final Path DATA_DIR = temporaryDirectory();
    protected static final int BROKER_PORT = freePort();
    /** A built-in user with this name is an admin in the shared app. */
    protected static final String ADMIN_NAME = "shared-admin";

    @DynamicPropertySource
    static void sharedApp(DynamicPropertyRegistry registry) {
        isolate(registry, DATA_DIR, BROKER_PORT);
        // Test classes submit in bursts from one address; the limits have their own app (QuotaTest).
        registry.add("integr8scode.quota.submissions.capacity", () -> "100000");
        registry.add("integr8scode.quota.sign-in.capacity", () -> "100000");
        registry.add("integr8scode.quota.max-active-per-user", () -> "1000");
        registry.add("integr8scode.quota.max-active-per-anonymous-client", () -> "1000");
        registry.add("integr8scode.security.admin-usernames", () -> ADMIN_NAME);
    }

    /** The shared app's admin (signed up on first use): sees and reads every execution. */
    protected String signInAdmin() {
        String credentials = JSON.createObjectNode().put("username", ADMIN_NAME).put("password", "admin-Password1").toString();
        HttpResponse<String> registered = request("POST", "/api/v1/auth/register", null, credentials);
        HttpResponse<String> response = registered.statusCode() == 201 ? registered
                : request("POST", "/api/v1/auth/login", null, credentials);
        return json(response.body()).path("access_token").asText();
    }
}
