package io.integr8scode.security;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.quota.ClientRateLimiter;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-up and sign-in against the built-in issuer. Mapped only while the app is its own issuer: with an
 * external one (Keycloak, ...) these paths answer 404 and users sign in there.
 */
@RestController
@Conditional(BuiltInIssuerCondition.class)
class AccountController {

    private final UserAccounts accounts;
    private final TokenIssuer tokens;
    private final SecurityProperties properties;
    private final Callers callers;
    /** Password guessing and mass sign-up are slowed per client address. */
    private final ClientRateLimiter signInLimiter;

    AccountController(UserAccounts accounts, TokenIssuer tokens, SecurityProperties properties, Callers callers,
                      @Qualifier("signInRateLimiter") ClientRateLimiter signInLimiter) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.properties = properties;
        this.callers = callers;
        this.signInLimiter = signInLimiter;
    }

    @PostMapping(path = "/api/v1/auth/register", consumes = "application/json")
    ResponseEntity<Map<String, Object>> register(@RequestBody Credentials credentials) {
        if (!properties.registrationEnabled()) {
            throw new ApiProblem(403, "Registration disabled", "Sign-up is turned off on this server.");
        }
        signInLimiter.acquire("ip:" + callers.current().clientAddress());
        return ResponseEntity.status(201).body(tokens.tokenFor(accounts.register(credentials.username(), credentials.password())));
    }

    @PostMapping(path = "/api/v1/auth/login", consumes = "application/json")
    Map<String, Object> login(@RequestBody Credentials credentials) {
        signInLimiter.acquire("ip:" + callers.current().clientAddress());
        return accounts.authenticate(credentials.username(), credentials.password())
                .map(tokens::tokenFor)
                .orElseThrow(() -> new ApiProblem(401, "Unauthorized", "Wrong username or password."));
    }

    record Credentials(String username, String password) {
    }
}
