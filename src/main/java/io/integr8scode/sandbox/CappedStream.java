package io.integr8scode.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's output on its own thread, keeping at most {@code cap} bytes. It reads on past the cap so
 * the writer never blocks on a full pipe. A {@link #tap tapped} stream also hands every byte read to a
 * {@link LiveOutputReader}, as it arrives.
 */
final class CappedStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private final Thread reader;
    private boolean overflowed;
    private volatile LiveOutputReader tap;

    private CappedStream(InputStream in, int cap, String name, LiveOutputReader tap) {
        this.cap = cap;
        this.tap = tap;
        this.reader = new Thread(() -> pump(in), name);
        reader.setDaemon(true);
        reader.start();
    }

    static CappedStream drain(InputStream in, long cap, String threadName) {
        return drain(in, cap, threadName, null);
    }

    /** As {@link #drain(InputStream, long, String)}, tapped from the first byte when {@code tap} is not null. */
    static CappedStream drain(InputStream in, long cap, String threadName, LiveOutputReader tap) {
        return new CappedStream(in, (int) Math.min(cap, Integer.MAX_VALUE - 8), threadName, tap);
    }

    private void pump(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (this) {
                    int room = cap - kept.size();
                    kept.write(buffer, 0, Math.min(n, Math.max(room, 0)));
                    overflowed |= n > room;
                }
                LiveOutputReader reader = tap;
                if (reader != null) {
                    reader.accept(buffer, 0, n);
                }
            }
        } catch (IOException closed) {
            // The process is gone or was killed: what was read so far is all there is.
        }
    }

    /** From now on, every byte read also goes to {@code reader} (before the process writes anything that matters). */
    void tap(LiveOutputReader reader) {
        this.tap = reader;
    }

    /** Waits up to {@code millis} for the end of the stream, then returns what was kept. */
    String text(long millis) throws InterruptedException {
        reader.join(Math.max(millis, 1));
        synchronized (this) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    synchronized boolean overflowed() {
        return overflowed;
    }
}
