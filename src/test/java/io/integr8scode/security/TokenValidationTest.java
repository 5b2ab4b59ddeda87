package io.integr8scode.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tokens made with the app's own key (or another) and one claim wrong each time: every one is a 401 with
 * WWW-Authenticate, never anonymous use; the well-formed one is accepted.
 */
class TokenValidationTest extends SharedAppTest {

    @Autowired
    RSAKey jwtSigningKey;

    @Test
    void acceptsAWellFormedToken() throws JOSEException {
        HttpResponse<String> me = request("GET", "/api/v1/auth/me", sign(jwtSigningKey, claims().build()), null);

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me.body()).path("username").asText()).isEqualTo("forged-but-valid");
    }

    @Test
    void refusesAnExpiredToken() throws JOSEException {
        // Past the validator's 60 s clock skew.
        Instant issued = Instant.now().minus(Duration.ofMinutes(20));
        String token = sign(jwtSigningKey, claims().issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(Duration.ofMinutes(15)))).build());

        assertRefused(token);
    }

    @Test
    void refusesAWrongSignature() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(jwtSigningKey.getKeyID()).generate();

        assertRefused(sign(stranger, claims().build()));
    }

    @Test
    void refusesAWrongAudienceOrIssuer() throws JOSEException {
        assertRefused(sign(jwtSigningKey, claims().audience("some-other-api").build()));
        assertRefused(sign(jwtSigningKey, claims().issuer("https://issuer.example").build()));
    }

    @Test
    void refusesGarbageEvenWhereAnonymousUseIsAllowed() {
        HttpResponse<String> response = request("POST", "/api/v1/executions", "not-a-jwt", "{\"script\": \"print(1)\"}");

        assertProblem(response, 401, "invalid or has expired");
        assertProblem(request("GET", "/api/v1/executions/any-id", "not-a-jwt", null), 401, "invalid or has expired");
    }

    private void assertRefused(String token) {
        HttpResponse<String> response = request("GET", "/api/v1/auth/me", token, null);
        assertProblem(response, 401, "invalid or has expired");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
    }

    private static JWTClaimsSet.Builder claims() {
        return TestTokens.claims("user-forged", "forged-but-valid");
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        return TestTokens.sign(key, claims);
    }
}
