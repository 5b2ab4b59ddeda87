package io.integr8scode.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Idempotent submissions ({@code integr8scode.idempotency.*}); defaults live in application.yaml.
 *
 * @param keepFor        how long a key answers with the first request's execution
 * @param firstRequestWait how long a request waits for an earlier one with the same key that is still being
 *                       accepted, before it is answered 409
 * @param abandonedAfter a key still being accepted after this long belongs to a request that died (a crash):
 *                       it is taken over
 */
@ConfigurationProperties("integr8scode.idempotency")
public record IdempotencyProperties(Duration keepFor, Duration firstRequestWait, Duration abandonedAfter) {
}
