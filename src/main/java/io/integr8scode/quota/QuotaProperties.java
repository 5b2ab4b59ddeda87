package io.integr8scode.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits on use per client ({@code integr8scode.quota.*}); defaults and explanations live in application.yaml. */
@ConfigurationProperties("integr8scode.quota")
public record QuotaProperties(
        ClientRateLimiter.RateLimitSettings submissions,
        ClientRateLimiter.RateLimitSettings signIn,
        int maxTrackedClients,
        int maxActivePerUser,
        int maxActivePerAnonymousClient) {
}
