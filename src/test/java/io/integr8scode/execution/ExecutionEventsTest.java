package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The SSE endpoint streams status changes from the current state to the terminal one (with live output between), then ends. */
class ExecutionEventsTest extends SharedAppTest {

    @Test
    void streamsStatusChangesUntilTheExecutionFinishes() throws Exception {
        String id = submitScript("import time\ntime.sleep(1)\nprint('done')");

        List<JsonNode> output = new ArrayList<>();
        List<JsonNode> events = readEvents(id, output);

        List<String> statuses = events.stream().map(event -> event.path("status").asText()).toList();
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo("completed");
        assertThat(statuses).isSubsetOf("queued", "running", "completed").doesNotHaveDuplicates();
        assertThat(events.get(events.size() - 1).path("output").asText()).isEqualTo("done\n");
        // What the script wrote also came live, before the end (print's two writes may come as one chunk or two).
        assertThat(output).isNotEmpty();
        assertThat(output.stream().map(chunk -> chunk.path("text").asText()).collect(Collectors.joining())).isEqualTo("done\n");
    }

    @Test
    void endsAtOnceForAFinishedExecution() throws Exception {
        String id = submitScript("print(1)");
        awaitTerminal(id, Duration.ofSeconds(30));

        List<JsonNode> output = new ArrayList<>();
        List<JsonNode> events = readEvents(id, output);

        assertThat(output).isEmpty();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aClientThatStopsReadingHoldsUpNoOtherClient() throws Exception {
        // Two megabytes of live output, then as much again in the terminal event: more than the sockets of a
        // client that does not read can buffer.
        String flood = submitScript("""
                import os, time
                block = b'o' * 65536
                for _ in range(16):
                    os.write(1, block)
                    os.write(2, block.replace(b'o', b'e'))
                time.sleep(2)
                """);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            stalled.getOutputStream().write(("GET /api/v1/executions/" + flood + "/events HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(stalled.getInputStream().read()).as("the stalled client's stream began").isNotNegative();
            // It reads nothing more; another client of the same execution still gets everything, to the end.

            List<JsonNode> output = new ArrayList<>();
            List<JsonNode> events = readEvents(flood, output);

            assertThat(events.get(events.size() - 1).path("status").asText()).isEqualTo("completed");
            for (String stream : List.of("stdout", "stderr")) {
                assertThat(output.stream().filter(chunk -> chunk.path("stream").asText().equals(stream))
                        .mapToInt(chunk -> chunk.path("text").asText().length()).sum())
                        .as(stream + " characters that arrived live").isEqualTo(16 * 65536);
            }
        }
    }

    /**
     * Reads the whole stream: status events are returned, live output events go to {@code output}. The request times
     * out (and the test fails) if the server never ends it.
     */
    private List<JsonNode> readEvents(String id, List<JsonNode> output) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String name = null;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    assertThat(name).isIn("status", "output");
                    (name.equals("status") ? events : output).add(json(line.substring("data:".length())));
                }
            }
        }
        return events;
    }
}
