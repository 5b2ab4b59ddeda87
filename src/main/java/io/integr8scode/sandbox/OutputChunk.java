package io.integr8scode.sandbox;

import java.util.Objects;

/**
 * A piece of a script's output, forwarded while the script runs (see {@link BootstrapProtocol}).
 *
 * @param stream   {@code stdout} or {@code stderr}
 * @param sequence position in the run's live output, from 0 over both streams; each number is delivered once
 * @param text     the bytes as UTF-8 text (a character split between two chunks is whole in the later one)
 */
public record OutputChunk(String stream, long sequence, String text) {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public OutputChunk {
        if (!STDOUT.equals(stream) && !STDERR.equals(stream)) {
            throw new IllegalArgumentException("no such output stream: " + stream);
        }
        Objects.requireNonNull(text, "text");
    }
}
