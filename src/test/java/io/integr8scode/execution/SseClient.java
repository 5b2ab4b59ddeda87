package io.integr8scode.execution;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads one execution's event stream on its own thread; events (name and data) queue up as they arrive. */
final class SseClient {

    /** One server-sent event; a null {@code name} marks the end of the stream. */
    record Event(String name, String data) {
        static final Event END = new Event(null, null);
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private SseClient() {
    }

    static SseClient open(int port, String executionId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/"
                        + executionId + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events answered " + response.statusCode());
        }
        SseClient client = new SseClient();
        Thread reader = new Thread(() -> client.read(response.body()), "sse-" + executionId);
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    /** The next event, or {@link Event#END}; fails if none comes within a minute. */
    Event next() throws InterruptedException {
        Event event = events.poll(60, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within a minute");
        }
        return event;
    }

    private void read(InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    events.add(new Event(name, line.substring("data:".length())));
                }
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            events.add(Event.END);
        }
    }
}
