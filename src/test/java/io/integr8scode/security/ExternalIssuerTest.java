package io.integr8scode.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.integr8scode.AppTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Configuration alone hands tokens to an external issuer (here: its public key, as for a Keycloak realm):
 * the built-in sign-up and sign-in are gone, its tokens are accepted, roles come from the configured
 * nested claim, and a token for another audience is refused. This deployment also turns anonymous use off.
 */
@DirtiesContext
class ExternalIssuerTest extends AppTestSupport {

    private static final RSAKey ISSUER_KEY = generateKey();

    @DynamicPropertySource
    static void anAppTrustingAnExternalIssuer(DynamicPropertyRegistry registry) {
        Path dataDir = temporaryDirectory();
        isolate(registry, dataDir, freePort());
        Path publicKey = dataDir.resolve("issuer.pem");
        writePem(publicKey);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "integr8scode-api");
        registry.add("integr8scode.security.roles-claim", () -> "realm_access.roles");
        registry.add("integr8scode.security.anonymous-enabled", () -> "false");
    }

    @Test
    void acceptsTheIssuersTokensWithRolesFromTheConfiguredClaim() {
        String token = TestTokens.sign(ISSUER_KEY, TestTokens.claims("kc-user-1", "kc-admin")
                .issuer("https://keycloak.example/realms/integr8scode")
                .claim("realm_access", Map.of("roles", List.of("ADMIN", "offline_access")))
                .build());

        var me = json(request("GET", "/api/v1/auth/me", token, null).body());

        assertThat(me.path("user_id").asText()).isEqualTo("kc-user-1");
        assertThat(me.path("username").asText()).isEqualTo("kc-admin");
        assertThat(me.path("roles").toString()).isEqualTo("[\"admin\",\"offline_access\"]");
        assertThat(request("GET", "/api/v1/executions", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnotherAudienceAndOffersNoBuiltInSignIn() {
        String otherAudience = TestTokens.sign(ISSUER_KEY, TestTokens.claims("kc-user-2", "kc-user").audience("another-api").build());
        assertProblem(request("GET", "/api/v1/auth/me", otherAudience, null), 401, "invalid or has expired");

        assertThat(request("POST", "/api/v1/auth/register", null, AccountsTest.credentials("someone", "good-Password1")).statusCode()).isEqualTo(404);
        assertThat(request("POST", "/api/v1/auth/login", null, AccountsTest.credentials("someone", "good-Password1")).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/auth/config").body()).path("registration_enabled").asBoolean()).isFalse();
    }

    @Test
    void withAnonymousUseOffEveryExecutionEndpointNeedsAToken() {
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"print(1)\"}"), 401, "Sign in");
        assertProblem(post("/execute", "application/json", "{\"script\": \"print(1)\"}"), 401, "Sign in");
        assertProblem(get("/result/any-id"), 401, "Sign in");
        // The drop-in APIs' submissions are executions too; what describes the platform stays open.
        assertProblem(post("/judge0/submissions", "application/json", "{\"source_code\": \"print(1)\", \"language_id\": 71}"), 401, "Sign in");
        assertProblem(get("/judge0/submissions/batch?tokens=any-id"), 401, "Sign in");
        assertProblem(post("/api/v2/execute", "application/json", "{}"), 401, "Sign in");
        assertThat(get("/judge0/languages").statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/runtimes").statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/auth/config").body()).path("anonymous_enabled").asBoolean()).isFalse();

        String token = TestTokens.sign(ISSUER_KEY, TestTokens.claims("kc-user-3", "kc-user").build());
        assertThat(request("POST", "/api/v1/executions", token, "{\"script\": \"print(1)\"}").statusCode()).isEqualTo(202);
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("external").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ISSUER_KEY.toRSAPublicKey().getEncoded());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
