package io.integr8scode.quota;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.integr8scode.api.ApiProblem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client key (Bucket4j): {@code capacity} requests at once, refilled over
 * {@code period}. Buckets live in this instance's memory; the least recently used are forgotten past
 * {@code maxClients}, which only ever lets a forgotten client start again with a full bucket.
 */
public class ClientRateLimiter {

    private final String what;
    private final int capacity;
    private final Duration period;
    private final Map<String, Bucket> buckets;

    ClientRateLimiter(String what, RateLimitSettings settings, int maxClients) {
        this.what = what;
        this.capacity = settings.capacity();
        this.period = settings.period();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Takes one token for the client or refuses with 429 and the seconds until the next one. */
    public void acquire(String clientKey) {
        acquire(clientKey, 1);
    }

    /** Takes {@code tokens} tokens for the client at once, or none and refuses with 429 (a batch). */
    public void acquire(String clientKey, int tokens) {
        ConsumptionProbe probe = bucketOf(clientKey).tryConsumeAndReturnRemaining(tokens);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + TimeUnit.SECONDS.toNanos(1) - 1);
            throw ApiProblem.tooManyRequests("Too many " + what + ": at most " + capacity + " per " + period.toSeconds()
                    + " seconds. Try again in " + Math.max(1, seconds) + " seconds.", seconds);
        }
    }

    private synchronized Bucket bucketOf(String clientKey) {
        return buckets.computeIfAbsent(clientKey, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
    }

    /** One limit: how many requests, per how long. */
    public record RateLimitSettings(int capacity, Duration period) {
    }
}
