package io.integr8scode.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts and access ({@code integr8scode.security.*}); defaults and explanations live in application.yaml.
 * The built-in issuer (register, login, signing key) applies only while no external issuer is configured
 * under {@code spring.security.oauth2.resourceserver.jwt.*}.
 */
@ConfigurationProperties("integr8scode.security")
public record SecurityProperties(
        boolean anonymousEnabled,
        boolean registrationEnabled,
        String issuer,
        String audience,
        Duration tokenLifetime,
        String signingKey,
        Path signingKeyFile,
        String rolesClaim,
        List<String> adminUsernames) {

    public SecurityProperties {
        adminUsernames = adminUsernames == null ? List.of() : List.copyOf(adminUsernames);
    }

    /** A built-in user's roles: those stored, and admin when named in admin-usernames (no database edit to grant it). */
    List<String> rolesOf(String username, List<String> stored) {
        boolean admin = adminUsernames.stream().anyMatch(name -> name.equalsIgnoreCase(username));
        return Stream.concat(stored.stream(), admin ? Stream.of(Caller.ADMIN_ROLE) : Stream.empty()).distinct().toList();
    }
}
