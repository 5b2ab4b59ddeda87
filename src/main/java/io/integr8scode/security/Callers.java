package io.integr8scode.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Reads the caller of the current request from Spring Security. HTTP routes run on the secured task
 * executor ({@link SecuredRouteExecutorConfiguration}), so the request's security context is there too.
 */
@Component("callers")
public class Callers {

    private final RoleClaims roleClaims;

    Callers(RoleClaims roleClaims) {
        this.roleClaims = roleClaims;
    }

    /** The caller of the request being served; routes keep it as the {@code caller} property. */
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String address = authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        if (authentication instanceof JwtAuthenticationToken token) {
            return fromJwt(token.getToken(), address);
        }
        return new Caller(null, null, List.of(), address);
    }

    Caller fromJwt(Jwt jwt, String address) {
        String username = jwt.getClaimAsString("preferred_username");
        return new Caller(jwt.getSubject(), username == null ? jwt.getSubject() : username, roleClaims.rolesOf(jwt), address);
    }
}
