package io.integr8scode.execution;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser's event stream of one execution. Each status is sent once (the current state read on connect and the
 * topic event for the same change may both arrive), output chunks once and in order, nothing after the terminal
 * status. Events are queued and written in order by a task on a shared dispatch pool, never on the thread that
 * publishes them: a write blocks while the client does not read, and that must hold up this client only, not the
 * topic consumers that serve every other browser. A client whose unsent events pass {@code maxQueuedChars} is
 * dropped (its stream ends with an error; the browser falls back to reading the result).
 */
final class ClientStream implements LiveOutputBuffers.Receiver {

    private final String executionId;
    private final SseEmitter emitter;
    private final Executor dispatch;
    private final long maxQueuedChars;

    // Guarded by this.
    private final Queue<Outgoing> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean draining;
    /** The terminal status is queued, or the client was dropped: nothing more is taken. */
    private boolean closed;
    private IOException dropped;
    private ExecutionStatus lastStatus;
    private long lastOutputSequence = -1;

    ClientStream(String executionId, SseEmitter emitter, Executor dispatch, long maxQueuedChars) {
        this.executionId = executionId;
        this.emitter = emitter;
        this.dispatch = dispatch;
        this.maxQueuedChars = maxQueuedChars;
    }

    String executionId() {
        return executionId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** A status event; a repeat or an older status than one already sent is skipped. */
    synchronized void status(String event, ExecutionStatus status) {
        if (closed || status == lastStatus || (lastStatus != null && status.ordinal() < lastStatus.ordinal())) {
            return;
        }
        lastStatus = status;
        enqueue(new Outgoing(ExecutionEventStreams.EVENT_NAME, event, status.isTerminal()));
    }

    /** A live output chunk, once and in order; none after the terminal status (the result holds it all). */
    @Override
    public synchronized void send(LiveOutputBuffers.Chunk chunk) {
        if (closed || chunk.sequence() <= lastOutputSequence) {
            return;
        }
        lastOutputSequence = chunk.sequence();
        enqueue(new Outgoing(ExecutionEventStreams.OUTPUT_EVENT_NAME, chunk.event(), false));
    }

    private void enqueue(Outgoing event) {
        if (queuedChars + event.data().length() > maxQueuedChars) {
            drop(new IOException("the client fell more than " + maxQueuedChars + " characters of events behind"));
            return;
        }
        queue.add(event);
        queuedChars += event.data().length();
        closed = event.last();
        startDraining();
    }

    /** Ends the stream with an error: from the draining task once its write returns, else from a new one. */
    private void drop(IOException why) {
        closed = true;
        dropped = why;
        queue.clear();
        queuedChars = 0;
        startDraining();
    }

    private void startDraining() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            dispatch.execute(this::drain);
        } catch (RejectedExecutionException saturated) {
            // Every dispatch thread is held by a client that does not read: this one goes too, rather than wait.
            draining = false;
            closed = true;
            queue.clear();
            emitter.completeWithError(saturated);
        }
    }

    private void drain() {
        while (true) {
            Outgoing next;
            IOException failure;
            synchronized (this) {
                failure = dropped;
                next = failure == null ? queue.poll() : null;
                if (next == null) {
                    draining = false;
                    if (failure == null) {
                        return;
                    }
                } else {
                    queuedChars -= next.data().length();
                }
            }
            if (failure != null) {
                emitter.completeWithError(failure);
                return;
            }
            try {
                emitter.send(SseEmitter.event().name(next.name()).data(next.data(), MediaType.APPLICATION_JSON));
                if (next.last()) {
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                // The browser went away or the stream already ended; the emitter's callbacks unregister it.
                synchronized (this) {
                    closed = true;
                    queue.clear();
                    queuedChars = 0;
                    draining = false;
                }
                emitter.completeWithError(gone);
                return;
            }
        }
    }

    private record Outgoing(String name, String data, boolean last) {
    }
}
