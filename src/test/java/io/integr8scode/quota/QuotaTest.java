package io.integr8scode.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.integr8scode.AppTestSupport;
import io.integr8scode.security.TestTokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Limits on use, in an app that queues without running (so executions stay unfinished): the rate per
 * client and the cap on unfinished executions both answer 429 problem+json with Retry-After.
 */
@DirtiesContext
class QuotaTest extends AppTestSupport {

    private static final String SCRIPT = "{\"script\": \"print(1)\"}";

    @Autowired
    RSAKey jwtSigningKey;

    @DynamicPropertySource
    static void anAppWithTightLimits(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), freePort());
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
        registry.add("integr8scode.quota.submissions.capacity", () -> "3");
        registry.add("integr8scode.quota.submissions.period", () -> "1h");
        registry.add("integr8scode.quota.sign-in.capacity", () -> "2");
        registry.add("integr8scode.quota.max-active-per-user", () -> "2");
        registry.add("integr8scode.quota.max-active-per-anonymous-client", () -> "100");
    }

    @Test
    void rateLimitsSubmissionsPerClient() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/v1/executions", "application/json", SCRIPT).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> limited = post("/execute", "application/json", SCRIPT);

        assertTooMany(limited, "at most 3 per 3600 seconds");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 1200L);
        // Another client (a signed-in user) has its own bucket.
        assertThat(request("POST", "/api/v1/executions", token("other-client"), SCRIPT).statusCode()).isEqualTo(202);
    }

    @Test
    void capsUnfinishedExecutionsPerUser() {
        String token = token("busy-user");
        assertThat(request("POST", "/api/v1/executions", token, SCRIPT).statusCode()).isEqualTo(202);
        assertThat(request("POST", "/api/v1/executions", token, SCRIPT).statusCode()).isEqualTo(202);

        HttpResponse<String> capped = request("POST", "/api/v1/executions", token, SCRIPT);

        assertTooMany(capped, "2 executions queued or running");
        assertThat(capped.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void rateLimitsSignInAttempts() {
        String wrong = JSON.createObjectNode().put("username", "nobody").put("password", "wrong-Password1").toString();
        assertThat(request("POST", "/api/v1/auth/login", null, wrong).statusCode()).isEqualTo(401);
        assertThat(request("POST", "/api/v1/auth/login", null, wrong).statusCode()).isEqualTo(401);

        assertTooMany(request("POST", "/api/v1/auth/login", null, wrong), "sign-in attempts");
    }

    private String token(String userId) {
        return TestTokens.sign(jwtSigningKey, TestTokens.claims(userId, userId).build());
    }

    private static void assertTooMany(HttpResponse<String> response, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response.body()).path("detail").asText()).contains(detailPart);
    }
}
