package io.integr8scode.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits on use per client ({@code integr8scode.limits.*}); defaults and explanations live in application.yaml. */
@ConfigurationProperties("integr8scode.limits")
public record LimitProperties(
        ClientRateLimiter.RateLimitSettings submissions,
        ClientRateLimiter.RateLimitSettings signIn,
        int maxTrackedClients,
        int maxActivePerUser,
        int maxActivePerAnonymousClient) {
}
