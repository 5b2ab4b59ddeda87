package io.integr8scode;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads one execution's event stream on its own thread; events (name and data) queue up as they arrive. */
public final class SseClient {

    /** One server-sent event; a null {@code name} marks the end of the stream. */
    public record Event(String name, String data) {
        static final Event END = new Event(null, null);
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private SseClient() {
    }

    public static SseClient open(int port, String executionId) throws Exception {
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

    /** The next event, or {@link Event#END}; fails if none comes within 90 s. */
    public Event next() throws InterruptedException {
        Event event = events.poll(90, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 90 s");
        }
        return event;
    }

    /** The next event of that name, skipping others; fails if the stream ends first. */
    public Event nextNamed(String name) throws InterruptedException {
        for (Event event = next(); event.name() != null; event = next()) {
            if (event.name().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("the stream ended without a " + name + " event");
    }

    /** Every event until the server ends the stream. */
    public List<Event> readToEnd() throws InterruptedException {
        List<Event> events = new ArrayList<>();
        for (Event event = next(); event.name() != null; event = next()) {
            events.add(event);
        }
        return events;
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
