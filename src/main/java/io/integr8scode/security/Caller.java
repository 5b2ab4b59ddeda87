package io.integr8scode.security;

import java.util.List;

/**
 * Who sent a request: a signed-in user (id, name, roles) or an anonymous client, known by its address.
 * Routes get it from {@link Callers}; ownership and limits are decided from it.
 */
public record Caller(String userId, String username, List<String> roles, String clientAddress) {

    public static final String ADMIN_ROLE = "admin";

    public boolean isAnonymous() {
        return userId == null;
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }

    /** How logs name the caller (the MDC key {@code caller}): the username, never the address or roles. */
    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : username;
    }

    /** The key limits are counted by: the user, or for anonymous use the client's address. */
    public String clientKey() {
        return isAnonymous() ? "ip:" + clientAddress : "user:" + userId;
    }
}
