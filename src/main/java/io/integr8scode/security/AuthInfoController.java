package io.integr8scode.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the token belongs to, and what sign-in options this server offers (public, for the UI). */
@RestController
class AuthInfoController {

    private final Callers callers;
    private final SecurityProperties properties;
    private final boolean builtInIssuer;

    AuthInfoController(Callers callers, SecurityProperties properties, Environment environment) {
        this.callers = callers;
        this.properties = properties;
        this.builtInIssuer = BuiltInIssuerCondition.isBuiltIn(environment);
    }

    /** Needs a token (the filter chain answers 401 without one). */
    @GetMapping("/api/v1/auth/me")
    Map<String, Object> me() {
        Caller caller = callers.current();
        return userView(caller.userId(), caller.username(), caller.roles());
    }

    @GetMapping("/api/v1/auth/config")
    Map<String, Object> config() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("registration_enabled", builtInIssuer && properties.registrationEnabled());
        view.put("anonymous_enabled", properties.anonymousEnabled());
        return view;
    }

    static Map<String, Object> userView(String userId, String username, List<String> roles) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("user_id", userId);
        view.put("username", username);
        view.put("roles", roles);
        return view;
    }
}
