package io.integr8scode.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping the MVStore's background thread would do, now that the store runs without it: every
 * commit writes a new chunk, and chunks that keep a little live data would otherwise pile up in the file.
 * Each round re-writes at most {@link #REWRITE_BYTES} of live pages out of the emptiest chunks (only while
 * the chunks' fill rate is under {@link #TARGET_FILL_RATE}) and commits them; emptied chunks are then reused
 * for new commits. The store lock is taken only if free within 10 ms and held for one bounded re-write, so
 * writers wait a few milliseconds at most.
 */
final class StoreCompaction implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final int TARGET_FILL_RATE = 80;
    static final int REWRITE_BYTES = 1024 * 1024;

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
            if (!store.isClosed() && store.compact(TARGET_FILL_RATE, REWRITE_BYTES)) {
                store.commit();
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
