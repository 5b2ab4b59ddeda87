package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SseClient;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Live output under the Kubernetes runner, in real pods: the app follows a running pod's log and its execution's
 * event stream carries the script's output before the pod ends, within the output caps.
 */
class LivePodOutputTest extends ClusterAppTest {

    @Test
    void outputArrivesWhileThePodStillRuns() throws Exception {
        String id = submitScript("""
                import sys, time
                print('before the pause', flush=True)
                time.sleep(4)
                print('after the pause', file=sys.stderr)
                """);
        SseClient events = SseClient.open(port, id);

        JsonNode first = json(events.nextNamed("output").data());
        String statusMeanwhile = json(get("/api/v1/executions/" + id).body()).path("status").asText();
        List<SseClient.Event> rest = events.readToEnd();

        assertThat(first.path("stream").asText()).isEqualTo("stdout");
        assertThat(first.path("sequence").asLong()).isZero();
        assertThat(first.path("text").asText()).startsWith("before the pause"); // its newline may come apart
        assertThat(statusMeanwhile).as("the execution when its first output arrived").isEqualTo("running");
        JsonNode last = json(rest.get(rest.size() - 1).data());
        assertThat(last.path("status").asText()).as("%s", last).isEqualTo("completed");
        assertThat(last.path("output").asText()).isEqualTo("before the pause\n");
        assertThat(last.path("errors").asText()).isEqualTo("after the pause\n");
        awaitPodGone(id);
    }

    @Test
    void aFloodingPodsLiveOutputStaysWithinTheCaps() throws Exception {
        String id = submitScript("""
                import os, time
                block = b'o' * 65536
                for _ in range(48):
                    os.write(1, block)
                time.sleep(3)
                """);
        SseClient events = SseClient.open(port, id);

        List<SseClient.Event> all = events.readToEnd();

        String live = all.stream().filter(event -> event.name().equals("output"))
                .map(event -> json(event.data()).path("text").asText()).collect(Collectors.joining());
        JsonNode last = json(all.get(all.size() - 1).data());
        assertThat(last.path("status").asText()).as("%s", last.path("failure_reason")).isEqualTo("completed");
        assertThat(last.path("output_truncated").asBoolean()).isTrue();
        assertThat(live.length()).as("live output of the capped stream").isPositive().isLessThanOrEqualTo(1024 * 1024);
        assertThat(live.chars().allMatch(c -> c == 'o')).isTrue();
        awaitPodGone(id);
    }
}
