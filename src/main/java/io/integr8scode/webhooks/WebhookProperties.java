package io.integr8scode.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signed webhooks ({@code integr8scode.webhooks.*}); defaults and their reasons live in application.yaml.
 *
 * @param secret          the HMAC-SHA256 key signing every delivery; empty: {@code secretFile}, generated once
 * @param secretFile      where the generated key is kept
 * @param allowedTargets  hosts, addresses or CIDR ranges a callback may reach although the guard forbids them
 * @param queue           the durable queue of pending deliveries (named under the work queue: platform-only)
 * @param deadLetterQueue where a delivery lands after its last attempt; its failure is recorded on the execution
 * @param maxAttempts     deliveries tried per callback
 * @param firstRetryDelay the wait before the second attempt; each later one waits {@code backoffMultiplier} times longer
 * @param backoffMultiplier growth of the wait between attempts
 * @param maxRetryDelay   the longest wait between two attempts
 * @param timeout         connecting and answering, per attempt
 */
@ConfigurationProperties("integr8scode.webhooks")
public record WebhookProperties(String secret, String secretFile, List<String> allowedTargets, String queue,
                                String deadLetterQueue, int maxAttempts, Duration firstRetryDelay, double backoffMultiplier,
                                Duration maxRetryDelay, Duration timeout) {

    public WebhookProperties {
        allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
    }
}
