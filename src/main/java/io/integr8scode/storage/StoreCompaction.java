package io.integr8scode.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping the MVStore's background thread would do, now that the store runs without it. Every
 * commit writes a new chunk holding the changed leaf; the chunk dies once all its pages are superseded, but a
 * leaf that is not written again keeps its whole chunk alive, so without this the file grows with the number
 * of leaves ever written. Each second, while the chunks' fill rate is under {@link #TARGET_FILL_RATE}, up to
 * {@link #MAX_REWRITES_PER_ROUND} times: re-write at most {@link #REWRITE_BYTES} of live pages out of the
 * emptiest chunks and commit them. The store lock is taken only if free within 10 ms and released between
 * re-writes (a round took 30 ms on average, 120 ms at most, on a busy 2-core machine). Dead chunks are
 * reused for new commits once the MVStore's retention time (45 s) has passed.
 */
final class StoreCompaction implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final int TARGET_FILL_RATE = 80;
    static final int REWRITE_BYTES = 256 * 1024;
    static final int MAX_REWRITES_PER_ROUND = 8;

    private static final Logger log = LoggerFactory.getLogger(StoreCompaction.class);

    private final MVStore store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "embedded-store-compaction");
        thread.setDaemon(true);
        return thread;
    });

    StoreCompaction(MVStore store) {
        this.store = store;
        timer.scheduleWithFixedDelay(this::compactOnce, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void compactOnce() {
        try {
            for (int i = 0; i < MAX_REWRITES_PER_ROUND && !store.isClosed() && store.compact(TARGET_FILL_RATE, REWRITE_BYTES); i++) {
                store.commit(); // writers get the store lock between two re-writes
            }
        } catch (RuntimeException e) {
            // The next round tries again; a failing store shows in the commands' errors.
            log.warn("Compacting the embedded store failed", e);
        }
    }

    /** Waits for a running round, so the store is not closed under it. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
