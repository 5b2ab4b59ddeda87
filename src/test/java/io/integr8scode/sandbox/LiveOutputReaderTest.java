package io.integr8scode.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading live output lines out of the bootstrap's stdout: only well-formed, in-sequence lines, within the cap. */
class LiveOutputReaderTest {

    private final List<OutputChunk> chunks = new ArrayList<>();

    private static String line(String stream, long sequence, byte[] data) {
        return BootstrapProtocol.OUTPUT_MARKER + stream + " " + sequence + " "
                + Base64.getEncoder().encodeToString(data) + "\n";
    }

    private static String line(String stream, long sequence, String text) {
        return line(stream, sequence, text.getBytes(StandardCharsets.UTF_8));
    }

    private void feed(LiveOutputReader reader, String stdout) {
        byte[] bytes = stdout.getBytes(StandardCharsets.UTF_8);
        // In awkward pieces, as a pipe or a followed log delivers them.
        for (int at = 0; at < bytes.length; at += 7) {
            reader.accept(bytes, at, Math.min(7, bytes.length - at));
        }
    }

    @Test
    void passesOnChunksInOrderAndSkipsTheFrameAndTheReadyLine() {
        LiveOutputReader reader = new LiveOutputReader(chunks::add, 1000);

        feed(reader, BootstrapProtocol.READY_MARKER + "\n" + line("stdout", 0, "a\n") + line("stderr", 1, "b")
                + "\n" + BootstrapProtocol.RESULT_MARKER + "{\"v\":1}\n");

        assertThat(chunks).containsExactly(new OutputChunk("stdout", 0, "a\n"), new OutputChunk("stderr", 1, "b"));
    }

    @Test
    void skipsRepeatedOutOfSequenceAndMalformedLines() {
        LiveOutputReader reader = new LiveOutputReader(chunks::add, 1000);

        feed(reader, line("stdout", 0, "one") + line("stdout", 0, "one") + line("stdout", 5, "ahead")
                + BootstrapProtocol.OUTPUT_MARKER + "stdout 1 !!notbase64\n"
                + BootstrapProtocol.OUTPUT_MARKER + "elsewhere 1 YQ==\n"
                + "x" + line("stdout", 1, "not at a line start")
                + line("stderr", 1, "two"));

        assertThat(chunks).containsExactly(new OutputChunk("stdout", 0, "one"), new OutputChunk("stderr", 1, "two"));
    }

    @Test
    void keepsACharacterSplitBetweenTwoChunksWhole() {
        LiveOutputReader reader = new LiveOutputReader(chunks::add, 1000);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);

        feed(reader, line("stdout", 0, new byte[] {'x', euro[0]}) + line("stdout", 1, new byte[] {euro[1], euro[2]}));

        assertThat(chunks).extracting(OutputChunk::text).containsExactly("x", "€");
    }

    @Test
    void passesOnAtMostTheLimitPerStream() {
        LiveOutputReader reader = new LiveOutputReader(chunks::add, 4);

        feed(reader, line("stdout", 0, "abc") + line("stdout", 1, "def") + line("stdout", 2, "ghi")
                + line("stderr", 3, "123456"));

        assertThat(chunks).containsExactly(new OutputChunk("stdout", 0, "abc"), new OutputChunk("stdout", 1, "d"),
                new OutputChunk("stderr", 3, "1234"));
    }

    @Test
    void ignoresLinesLongerThanAnyLiveOutputLine() {
        LiveOutputReader reader = new LiveOutputReader(chunks::add, 1 << 20);
        byte[] tooMuch = new byte[BootstrapProtocol.LIVE_LINE_BYTES * 2];

        feed(reader, line("stdout", 0, tooMuch) + line("stdout", 0, "fits"));

        assertThat(chunks).containsExactly(new OutputChunk("stdout", 0, "fits"));
    }

    @Test
    void aFailingObserverLosesOnlyItsChunk() {
        LiveOutputReader reader = new LiveOutputReader(chunk -> {
            if (chunk.sequence() == 0) {
                throw new IllegalStateException("gone");
            }
            chunks.add(chunk);
        }, 100);

        feed(reader, line("stdout", 0, "lost") + line("stdout", 1, "kept"));

        assertThat(chunks).containsExactly(new OutputChunk("stdout", 1, "kept"));
    }
}
