package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import io.integr8scode.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A running script's output reaches its execution's event stream as {@code output} events while it runs, a client
 * that connects late gets what was written before, and no chunk reaches another execution's stream.
 */
class LiveOutputEventsTest extends SharedAppTest {

    private static final String PAUSING_SCRIPT = """
            import sys, time
            print('%s early', flush=True)
            time.sleep(3)
            print('%s late', file=sys.stderr)
            """;

    @Test
    void aLateClientGetsTheEarlierOutputThenTheRest() throws Exception {
        String id = submitScript(PAUSING_SCRIPT.formatted("mine", "mine"));
        String other = submitScript(PAUSING_SCRIPT.formatted("other", "other"));
        SseClient first = SseClient.open(port, id);
        JsonNode early = json(first.nextNamed("output").data());
        assertThat(early.path("text").asText()).startsWith("mine early");

        // Connected after the first output was written, while the script sleeps.
        List<SseClient.Event> late = SseClient.open(port, id).readToEnd();

        assertThat(late.get(0).name()).isEqualTo("status");
        assertThat(json(late.get(0).data()).path("status").asText()).isEqualTo("running");
        List<JsonNode> output = late.stream().filter(event -> event.name().equals("output"))
                .map(event -> json(event.data())).toList();
        // print's text and its newline are two writes, which may travel as one chunk or two.
        assertThat(textOf(output, "stdout")).isEqualTo("mine early\n");
        assertThat(textOf(output, "stderr")).isEqualTo("mine late\n");
        assertThat(output).extracting(chunk -> chunk.path("sequence").asLong())
                .containsExactlyElementsOf(LongStream.range(0, output.size()).boxed().toList());
        SseClient.Event last = late.get(late.size() - 1);
        assertThat(last.name()).isEqualTo("status");
        assertThat(json(last.data()).path("status").asText()).isEqualTo("completed");
        assertThat(late).noneMatch(event -> event.data().contains("other"));
        awaitTerminal(other, Duration.ofSeconds(60));
    }

    private static String textOf(List<JsonNode> output, String stream) {
        return output.stream().filter(chunk -> chunk.path("stream").asText().equals(stream))
                .map(chunk -> chunk.path("text").asText()).collect(Collectors.joining());
    }

    @Test
    void aFinishedExecutionAnswersWithItsResultOnly() throws Exception {
        String id = submitScript("print('all of it')");
        awaitTerminal(id, Duration.ofSeconds(60));

        List<SseClient.Event> events = SseClient.open(port, id).readToEnd();

        assertThat(events).extracting(SseClient.Event::name).containsExactly("status");
        assertThat(json(events.get(0).data()).path("output").asText()).isEqualTo("all of it\n");
    }
}
