package io.integr8scode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole app on real engines (embedded Artemis, mongo-java-server over the wire, real OCI sandboxes),
 * driven over HTTP like a user would. Subclasses give each app its own data directory and broker port
 * with {@link #isolate}: most extend {@link SharedAppTest} and share one running app.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // Prometheus export, as in production
public abstract class AppTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "timeout", "cancelled");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    /** Points an app at its own data directory (database, journal, sandbox state) and broker port. */
    protected static void isolate(DynamicPropertyRegistry registry, Path dataDir, int brokerPort) {
        registry.add("integr8scode.data-dir", dataDir::toString);
        registry.add("integr8scode.broker.acceptor-url", () -> "tcp://127.0.0.1:" + brokerPort + "?protocols=CORE,AMQP,STOMP");
    }

    protected HttpResponse<String> post(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** Any request with a bearer token (null: none) and an optional JSON body. */
    protected HttpResponse<String> request(String method, String path, String token, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A GET whose answer is kept as bytes (a file), with a bearer token (null: none). */
    protected HttpResponse<byte[]> getBytes(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a user with a valid password and returns its access token. */
    protected String signUp(String username) {
        HttpResponse<String> response = request("POST", "/api/v1/auth/register", null,
                JSON.createObjectNode().put("username", username).put("password", "correct-Horse-9").toString());
        if (response.statusCode() != 201) {
            throw new AssertionError("Registration refused: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).path("access_token").asText();
    }

    /** A unique user name per call, so tests sharing an app never collide. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** Submits a script over the REST API and returns the new execution id. */
    protected String submit(String requestJson) {
        HttpResponse<String> response = post("/api/v1/executions", "application/json", requestJson);
        if (response.statusCode() != 202) {
            throw new AssertionError("Submission refused: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).path("execution_id").asText();
    }

    protected String submitScript(String script) {
        return submit(JSON.createObjectNode().put("script", script).toString());
    }

    /** Polls the execution until it reaches a terminal status, failing after {@code within}. */
    protected JsonNode awaitTerminal(String executionId, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode execution = null;
        while (System.nanoTime() < deadline) {
            execution = json(get("/api/v1/executions/" + executionId).body());
            if (TERMINAL.contains(execution.path("status").asText())) {
                return execution;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("Execution " + executionId + " did not finish within " + within + "; last seen: " + execution);
    }

    protected JsonNode run(String script) {
        return awaitTerminal(submitScript(script), Duration.ofSeconds(30));
    }

    /**
     * The answer is an RFC 9457 problem with this status and a title, whose detail contains {@code detailPart}
     * (null: any), and which shows no internals.
     */
    protected static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        if (detailPart != null) {
            assertThat(problem.path("detail").asText()).contains(detailPart);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    protected static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A data directory of the test's own, removed when the test JVM ends (an app's store file is ~100 MB). */
    protected static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("integr8scode-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort at exit: what cannot be removed stays in the temporary folder.
        }
    }
}
