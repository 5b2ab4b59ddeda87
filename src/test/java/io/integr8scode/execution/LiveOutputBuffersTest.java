package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-execution replay of live output: in order, once, capped, and only for its own execution. */
class LiveOutputBuffersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final LiveOutputBuffers buffers = new LiveOutputBuffers(JSON, 10, clock);

    private static String chunk(String stream, long sequence, String text) {
        return "{\"stream\":\"" + stream + "\",\"sequence\":" + sequence + ",\"text\":\"" + text + "\"}";
    }

    private static final class Received implements LiveOutputBuffers.Receiver {
        final List<String> texts = new ArrayList<>();

        @Override
        public void send(LiveOutputBuffers.Chunk chunk) {
            try {
                texts.add(chunk.sequence() + ":" + JSON.readTree(chunk.event()).path("text").asText());
            } catch (JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aLateReceiverGetsTheOutputSoFarThenTheRest() {
        Received early = new Received();
        buffers.attach("a", early);
        buffers.append("a", chunk("stdout", 0, "one"));
        Received late = new Received();

        buffers.attach("a", late);
        buffers.append("a", chunk("stderr", 1, "two"));

        assertThat(early.texts).containsExactly("0:one", "1:two");
        assertThat(late.texts).containsExactly("0:one", "1:two");
    }

    @Test
    void keepsEachExecutionsOutputToItself() {
        Received other = new Received();
        buffers.attach("b", other);

        buffers.append("a", chunk("stdout", 0, "for a"));

        assertThat(other.texts).isEmpty();
    }

    @Test
    void dropsRepeatsChunksOverTheCapAndAnythingThatIsNotAChunk() {
        Received receiver = new Received();
        buffers.attach("a", receiver);

        buffers.append("a", chunk("stdout", 0, "12345"));
        buffers.append("a", chunk("stdout", 0, "12345"));
        buffers.append("a", chunk("stdout", 1, "678901"));
        buffers.append("a", chunk("stderr", 2, "fits"));
        buffers.append("a", chunk("stdin", 3, "no"));
        buffers.append("a", "not json");

        assertThat(receiver.texts).containsExactly("0:12345", "2:fits");
    }

    @Test
    void forgetsAnExecutionOnceItEnded() {
        buffers.append("a", chunk("stdout", 0, "one"));

        buffers.drop("a");
        Received late = new Received();
        buffers.attach("a", late);

        assertThat(late.texts).isEmpty();
    }

    @Test
    void ignoresOutputThatArrivesAfterTheExecutionEnded() {
        buffers.append("a", chunk("stdout", 0, "one"));
        buffers.drop("a");

        buffers.append("a", chunk("stdout", 1, "late"));

        assertThat(buffers.kept()).doesNotContain("a");
    }

    @Test
    void remembersAnEndedExecutionOnlyForAWhile() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        LiveOutputBuffers remembering = new LiveOutputBuffers(JSON, 10, moving);
        remembering.drop("a");

        now[0] = now[0].plus(LiveOutputBuffers.ENDED_MEMORY).plusSeconds(61);
        remembering.append("a", chunk("stdout", 0, "much later"));

        assertThat(remembering.kept()).as("an id long ended is no longer remembered").contains("a");
    }

    @Test
    void aDetachedReceiverGetsNothingMore() {
        Received receiver = new Received();
        buffers.attach("a", receiver);
        buffers.detach("a", receiver);

        buffers.append("a", chunk("stdout", 0, "one"));

        assertThat(receiver.texts).isEmpty();
    }
}
