package io.integr8scode.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Roles of a token. The built-in issuer writes a top-level {@code roles} list; an external issuer's claim
 * is configurable, a dotted path for nested claims (Keycloak puts them under {@code realm_access.roles}).
 */
@Component
class RoleClaims implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String[] path;

    static final String BUILT_IN_CLAIM = "roles";

    RoleClaims(SecurityProperties properties, Environment environment) {
        String claim = BuiltInIssuerCondition.isBuiltIn(environment) ? BUILT_IN_CLAIM : properties.rolesClaim();
        this.path = claim.split("\\.");
    }

    List<String> rolesOf(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : path) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        if (value instanceof Collection<?> roles) {
            return roles.stream().map(role -> String.valueOf(role).toLowerCase(Locale.ROOT)).toList();
        }
        return List.of();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, rolesOf(jwt).stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT))).toList(), jwt.getSubject());
    }
}
