package io.integr8scode.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ready warm sandboxes, each handed out once. One background thread at the lowest priority makes a sandbox whenever
 * one is missing, one at a time; {@link #take()} never waits for it: an empty pool means the caller runs cold.
 */
final class SandboxPool implements AutoCloseable {

    /** Makes and destroys the pool's sandboxes. */
    interface Sandboxes {
        WarmSandbox create() throws IOException;

        void destroy(WarmSandbox sandbox);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPool.class);
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long CLOSE_WAIT_MS = 10_000;
    private static final int SERVED_REMEMBERED = 64;

    private final int size;
    private final Sandboxes sandboxes;
    private final BlockingQueue<WarmSandbox> ready = new LinkedBlockingQueue<>();
    private final Semaphore missing;
    private final Thread refill;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final Deque<String> served = new ArrayDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    SandboxPool(int size, Sandboxes sandboxes) {
        this.size = size;
        this.sandboxes = sandboxes;
        this.missing = new Semaphore(size);
        this.refill = new Thread(this::refillForever, "sandbox-pool-refill");
        refill.setDaemon(true);
        refill.setPriority(Thread.MIN_PRIORITY);
        refill.start();
    }

    /** A ready sandbox, removed from the pool for good (a replacement is started); null when none is ready. */
    WarmSandbox take() {
        for (WarmSandbox sandbox; (sandbox = ready.poll()) != null; ) {
            missing.release();
            if (sandbox.isAlive()) {
                hits.incrementAndGet();
                remember(sandbox.containerId());
                return sandbox;
            }
            LOG.warn("warm sandbox {} ended while it waited; destroying it", sandbox.containerId());
            sandboxes.destroy(sandbox);
        }
        misses.incrementAndGet();
        return null;
    }

    /** Runs served by a warm sandbox. */
    long hits() {
        return hits.get();
    }

    /** Runs that found the pool empty. */
    long misses() {
        return misses.get();
    }

    /** Container ids of the last sandboxes handed out, newest last. */
    synchronized List<String> recentlyServed() {
        return List.copyOf(served);
    }

    /** Waits until every sandbox of the pool is ready; false if that did not happen in time. */
    boolean awaitFull(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (ready) {
            while (ready.size() < size) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || closed) {
                    return false;
                }
                ready.wait(left);
            }
            return true;
        }
    }

    /** Stops the refill and destroys every sandbox that waits. */
    @Override
    public void close() {
        // Woken, never interrupted: an interrupt would also abort the runtime commands that destroy a sandbox.
        closed = true;
        closing.countDown();
        missing.release();
        try {
            refill.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WarmSandbox sandbox; (sandbox = ready.poll()) != null; ) {
            sandboxes.destroy(sandbox);
        }
    }

    private synchronized void remember(String containerId) {
        served.addLast(containerId);
        if (served.size() > SERVED_REMEMBERED) {
            served.removeFirst();
        }
    }

    private void refillForever() {
        long backoffMs = 100;
        while (!closed) {
            try {
                missing.acquire();
            } catch (InterruptedException stop) {
                return;
            }
            if (closed) {
                return;
            }
            WarmSandbox sandbox;
            try {
                sandbox = sandboxes.create();
            } catch (IOException | RuntimeException failed) {
                missing.release();
                LOG.warn("could not make a warm sandbox (next try in {} ms): {}", backoffMs, failed.getMessage());
                try {
                    if (closing.await(backoffMs, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException stop) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
                continue;
            }
            backoffMs = 100;
            synchronized (ready) {
                if (closed) {
                    sandboxes.destroy(sandbox);
                    return;
                }
                ready.add(sandbox);
                ready.notifyAll();
            }
        }
    }
}
