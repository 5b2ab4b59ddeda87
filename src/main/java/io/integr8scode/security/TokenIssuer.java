package io.integr8scode.security;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Signs short-lived access tokens for the built-in users. The claims match what an external issuer such
 * as Keycloak sends: {@code sub} is the user id, {@code preferred_username} the name, roles a list.
 */
@Component
@Conditional(BuiltInIssuerCondition.class)
class TokenIssuer {

    private final JwtEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    /** The body register and login answer with. */
    Map<String, Object> tokenFor(UserAccounts.UserAccount user) {
        List<String> roles = properties.rolesOf(user.username(), user.roles());
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(user.userId())
                .claim("preferred_username", user.username())
                .claim(RoleClaims.BUILT_IN_CLAIM, roles)
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenLifetime()))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", properties.tokenLifetime().toSeconds());
        body.put("user", AuthInfoController.userView(user.userId(), user.username(), roles));
        return body;
    }
}
