package io.integr8scode.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits scripts over REST at a steady pace, through kills and restarts, until it has the wanted number of
 * 202s. A request that fails (app down, connection reset mid-request) or is refused was not accepted and is
 * not counted; the next attempt is a new submission. Each script prints its own token.
 */
final class RestSubmitter implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI executions;
    private final int wanted;
    private final Duration pace;
    /** execution id → the token its script prints. */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    final AtomicInteger failedAttempts = new AtomicInteger();
    /** Answers other than 202, by status code (e.g. 503 while the app starts again). */
    final Map<Integer, Integer> refusals = new ConcurrentHashMap<>();

    RestSubmitter(HttpClient http, int httpPort, int wanted, Duration pace) {
        this.http = http;
        this.executions = URI.create("http://127.0.0.1:" + httpPort + "/api/v1/executions");
        this.wanted = wanted;
        this.pace = pace;
    }

    @Override
    public void run() {
        for (int attempt = 0; accepted.size() < wanted && !Thread.currentThread().isInterrupted(); attempt++) {
            String token = "rest-" + attempt;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(executions)
                        .timeout(Duration.ofSeconds(90))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ChaosScripts.request(token)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    accepted.put(JSON.readTree(response.body()).path("execution_id").asText(), token);
                } else {
                    refusals.merge(response.statusCode(), 1, Integer::sum);
                }
            } catch (IOException downOrKilled) {
                failedAttempts.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(pace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The stored execution, or null when the app does not know the id (404). */
    JsonNode stored(String executionId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(executions.resolve("executions/" + executionId))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + executionId + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
