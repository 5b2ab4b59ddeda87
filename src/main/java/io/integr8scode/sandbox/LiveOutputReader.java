package io.integr8scode.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the bootstrap's stdout (a sandbox's output pipe or a pod's log, read as it is written) into
 * {@link OutputChunk}s for an {@link OutputObserver}. Only whole lines that start with
 * {@link BootstrapProtocol#OUTPUT_MARKER} and carry the next sequence number count: the result frame, the ready line
 * and a repeated line (a log followed again from its start) are skipped, and at most {@code limitBytes} per stream
 * are passed on, whatever the sandbox sends. Not thread-safe: one reader per stream of bytes.
 */
public final class LiveOutputReader {

    private static final Logger LOG = LoggerFactory.getLogger(LiveOutputReader.class);
    /** The longest live output line the bootstrap writes, with room to spare; longer lines are not live output. */
    static final int MAX_LINE_BYTES = BootstrapProtocol.OUTPUT_MARKER.length() + 32
            + 4 * (BootstrapProtocol.LIVE_LINE_BYTES / 3 + 1);
    private static final byte[] MARKER = BootstrapProtocol.OUTPUT_MARKER.getBytes(StandardCharsets.US_ASCII);

    private final OutputObserver observer;
    private final long limitBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, StreamText> streams = new HashMap<>();
    private boolean overlong;
    private long nextSequence;

    public LiveOutputReader(OutputObserver observer, long limitBytes) {
        this.observer = observer;
        this.limitBytes = limitBytes;
    }

    /** The next bytes of the bootstrap's stdout. */
    public void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!overlong) {
                    readLine(line.toByteArray());
                }
                line.reset();
                overlong = false;
            } else if (!overlong) {
                if (line.size() < MAX_LINE_BYTES && startsLikeMarker(b)) {
                    line.write(b);
                } else {
                    // Not live output (the frame, or anything else): skipped to its end, never buffered.
                    overlong = true;
                    line.reset();
                }
            }
        }
    }

    private boolean startsLikeMarker(byte b) {
        int at = line.size();
        return at >= MARKER.length || MARKER[at] == b;
    }

    private void readLine(byte[] bytes) {
        if (bytes.length <= MARKER.length) {
            return;
        }
        String[] fields = new String(bytes, MARKER.length, bytes.length - MARKER.length, StandardCharsets.US_ASCII)
                .split(" ", -1);
        if (fields.length != 3 || !(OutputChunk.STDOUT.equals(fields[0]) || OutputChunk.STDERR.equals(fields[0]))) {
            return;
        }
        byte[] data;
        long sequence;
        try {
            sequence = Long.parseLong(fields[1]);
            data = Base64.getDecoder().decode(fields[2]);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        if (sequence != nextSequence) {
            return;
        }
        nextSequence++;
        String text = streams.computeIfAbsent(fields[0], name -> new StreamText()).decode(data, limitBytes);
        if (!text.isEmpty()) {
            deliver(new OutputChunk(fields[0], sequence, text));
        }
    }

    private void deliver(OutputChunk chunk) {
        try {
            observer.onChunk(chunk);
        } catch (RuntimeException failed) {
            LOG.warn("live output observer failed; the chunk is dropped (the result keeps it): {}", failed.toString());
        }
    }

    /** One stream's bytes so far, decoded as UTF-8 across chunk boundaries and capped. */
    private static final class StreamText {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer leftover = ByteBuffer.allocate(0);
        private long taken;

        String decode(byte[] data, long limitBytes) {
            int room = (int) Math.max(0, Math.min(data.length, limitBytes - taken));
            taken += room;
            ByteBuffer input = ByteBuffer.allocate(leftover.remaining() + room);
            input.put(leftover).put(data, 0, room).flip();
            CharBuffer out = CharBuffer.allocate(input.remaining() + 1);
            decoder.decode(input, out, false);
            leftover = input.slice();
            return out.flip().toString();
        }
    }
}
