package io.integr8scode.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Access tokens made in tests with a chosen key and claims, like the built-in issuer's. */
public final class TestTokens {

    private TestTokens() {
    }

    /** The claims the built-in issuer writes, valid for five minutes; tests change one at a time. */
    public static JWTClaimsSet.Builder claims(String subject, String username) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("integr8scode")
                .audience(List.of("integr8scode-api"))
                .subject(subject)
                .claim("preferred_username", username)
                .claim("roles", List.of("user"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
