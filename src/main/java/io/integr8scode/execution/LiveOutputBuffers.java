package io.integr8scode.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The live output of every running execution seen on this instance, kept so that a client who connects late gets
 * what was written so far before the rest. Per execution at most the output limit per stream (what the stored
 * result holds), dropped when the execution ends (later chunks of it are ignored), or after {@link #IDLE_EXPIRY}
 * without output should that event never arrive. Chunks are JSON events ({@code stream}, {@code sequence}, {@code text}); the sequence orders them
 * and lets a stream skip one it already sent.
 */
final class LiveOutputBuffers {

    /** Longer than any execution may run; only a buffer whose terminal status event was lost gets this old. */
    static final Duration IDLE_EXPIRY = Duration.ofHours(1);
    /**
     * How long an ended execution is remembered, so that a chunk arriving after its terminal status (the two travel
     * on different topics; a pod's log may be read after the pod ended) does not start a buffer that would be kept
     * for {@link #IDLE_EXPIRY}.
     */
    static final Duration ENDED_MEMORY = Duration.ofMinutes(10);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final long limitBytesPerStream;
    private final Clock clock;
    private volatile Instant nextSweep;

    LiveOutputBuffers(ObjectMapper json, long limitBytesPerStream, Clock clock) {
        this.json = json;
        this.limitBytesPerStream = limitBytesPerStream;
        this.clock = clock;
        this.nextSweep = clock.instant().plus(SWEEP_INTERVAL);
    }

    /**
     * Keeps a chunk event of an execution and hands it to the execution's attached receivers, in order; a chunk
     * past the limit of its stream or not JSON is dropped.
     */
    void append(String executionId, String event) {
        sweepExpired();
        Chunk chunk = parse(event);
        if (chunk == null || ended.containsKey(executionId)) {
            return;
        }
        replays.computeIfAbsent(executionId, id -> new Replay()).append(chunk);
    }

    /** Sends what the execution wrote so far, then keeps {@code receiver} attached for the rest, without a gap. */
    void attach(String executionId, Receiver receiver) {
        sweepExpired();
        if (ended.containsKey(executionId)) {
            return;
        }
        replays.computeIfAbsent(executionId, id -> new Replay()).attach(receiver);
    }

    void detach(String executionId, Receiver receiver) {
        Replay replay = replays.get(executionId);
        if (replay != null) {
            replay.receivers.remove(receiver);
        }
    }

    /** The execution ended: its stored result holds the whole output now. */
    void drop(String executionId) {
        sweepExpired();
        ended.put(executionId, clock.instant());
        replays.remove(executionId);
    }

    /** Executions whose output is kept, for tests. */
    Set<String> kept() {
        return Set.copyOf(replays.keySet());
    }

    private Chunk parse(String event) {
        try {
            JsonNode node = json.readTree(event);
            String stream = node.path("stream").asText();
            if (!node.path("sequence").canConvertToLong() || !node.path("text").isTextual()
                    || !(stream.equals("stdout") || stream.equals("stderr"))) {
                return null;
            }
            long bytes = node.get("text").asText().getBytes(StandardCharsets.UTF_8).length;
            return new Chunk(stream, node.get("sequence").longValue(), bytes, event);
        } catch (IOException notJson) {
            return null;
        }
    }

    private void sweepExpired() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_INTERVAL);
        replays.values().removeIf(replay -> replay.idleSince(now).compareTo(IDLE_EXPIRY) > 0);
        ended.values().removeIf(at -> Duration.between(at, now).compareTo(ENDED_MEMORY) > 0);
    }

    /** One chunk event as received ({@code event}, what goes to the clients) and the size of its text. */
    record Chunk(String stream, long sequence, long bytes, String event) {
    }

    /** A client of one execution's live output. */
    interface Receiver {
        void send(Chunk chunk);
    }

    private final class Replay {
        private final List<Chunk> chunks = new ArrayList<>();
        private final Map<String, Long> bytes = new HashMap<>();
        private final Set<Receiver> receivers = new CopyOnWriteArraySet<>();
        private Instant touched = clock.instant();

        synchronized void append(Chunk chunk) {
            touched = clock.instant();
            if (!chunks.isEmpty() && chunk.sequence() <= chunks.get(chunks.size() - 1).sequence()) {
                return; // a repeat (a pod log followed again from its start)
            }
            long total = bytes.getOrDefault(chunk.stream(), 0L) + chunk.bytes();
            if (total > limitBytesPerStream) {
                return;
            }
            bytes.put(chunk.stream(), total);
            chunks.add(chunk);
            receivers.forEach(receiver -> receiver.send(chunk));
        }

        synchronized void attach(Receiver receiver) {
            touched = clock.instant();
            chunks.forEach(receiver::send);
            receivers.add(receiver);
        }

        synchronized Duration idleSince(Instant now) {
            return Duration.between(touched, now);
        }
    }
}
