package io.integr8scode.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deletes finished sandboxes after their result has been handed back: {@code delete --force} (runc's cgroup and
 * state removal, 10–300 ms) is then off the execution's latency. Bounded: at most {@code threads} deletes run at
 * once and {@code backlog} wait; past that the caller deletes its own sandbox, so a flood of runs slows down
 * instead of piling up containers.
 */
final class SandboxTeardown implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxTeardown.class);
    private static final long CLOSE_WAIT_MS = 30_000;

    private final ThreadPoolExecutor executor;
    private int pending;

    SandboxTeardown(int threads, int backlog) {
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(backlog), runnable -> {
            Thread thread = new Thread(runnable, "sandbox-teardown");
            thread.setDaemon(true);
            return thread;
        }, (task, refused) -> task.run()); // backlog full or closed: the caller deletes
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs the deletion soon, in the background (or now, when the backlog is full or the teardown closed). */
    void later(String containerId, Runnable deletion) {
        synchronized (this) {
            pending++;
        }
        Runnable counted = () -> {
            try {
                deletion.run();
            } catch (RuntimeException e) {
                LOG.warn("could not delete sandbox {}: {}", containerId, e.getMessage());
            } finally {
                synchronized (this) {
                    pending--;
                    notifyAll();
                }
            }
        };
        executor.execute(counted);
    }

    /** Waits until every deletion handed over so far is done; false if that did not happen in time. */
    synchronized boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (pending > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Finishes the deletions handed over; later ones run in the caller. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("sandbox deletions still running after {} ms; the leftover sweep removes what they leave",
                        CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
