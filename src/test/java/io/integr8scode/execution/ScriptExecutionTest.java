package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Scripts submitted over HTTP run in a real sandbox, and what they did comes back through the API. These prove the
 * wiring (request to sandbox to stored execution); what each limit contains is proved at the runner level
 * (sandbox/SandboxLimitsTest, sandbox/OciSandboxRunnerTest).
 */
class ScriptExecutionTest extends SharedAppTest {

    @Test
    void runsHelloWorldThroughTheOutlineEndpoints() {
        var submitted = post("/execute", "application/json", "{\"script\": \"print('Hello, Integr8sCode!')\"}");
        assertThat(submitted.statusCode()).isEqualTo(202);
        JsonNode accepted = json(submitted.body());
        assertThat(accepted.path("status").asText()).isEqualTo("queued");
        assertThat(fieldNames(accepted)).containsExactly("execution_id", "status");
        String id = accepted.path("execution_id").asText();

        awaitTerminal(id, Duration.ofSeconds(30));
        JsonNode result = json(get("/result/" + id).body());

        assertThat(fieldNames(result)).containsExactly("execution_id", "status", "output", "errors");
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("output").asText()).isEqualTo("Hello, Integr8sCode!\n");
        assertThat(result.path("errors").asText()).isEmpty();
    }

    @Test
    void keepsStderrAndExitCodeApartFromOutput() {
        JsonNode execution = run("import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\nsys.exit(3)");

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("failed");
        assertThat(execution.path("exit_code").asInt()).isEqualTo(3);
        assertThat(execution.path("output").asText()).isEqualTo("to stdout\n");
        assertThat(execution.path("errors").asText()).isEqualTo("to stderr\n");
        assertThat(execution.path("started_at").asText()).isNotEmpty();
        assertThat(execution.path("finished_at").asText()).isNotEmpty();
        assertThat(execution.path("duration_ms").asLong()).isPositive();
    }

    @Test
    void reportsASyntaxErrorWithItsTraceback() {
        JsonNode execution = run("def broken(:\n    pass");

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("failed");
        assertThat(execution.path("errors").asText()).contains("SyntaxError");
        assertThat(execution.path("output").asText()).isEmpty();
    }

    @Test
    void deliversStdinToTheScript() {
        String id = submit("{\"script\": \"import sys\\nprint(sys.stdin.read().upper(), end='')\", \"stdin\": \"shout\\nthis\"}");

        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(30));

        assertThat(execution.path("output").asText()).isEqualTo("SHOUT\nTHIS");
        assertThat(execution.path("stdin").asText()).isEqualTo("shout\nthis");
    }

    @Test
    void timesOutAnEndlessLoopAtItsLimit() {
        Instant start = Instant.now();
        String id = submit("{\"script\": \"while True: pass\", \"limits\": {\"timeout_seconds\": 2}}");

        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(20));

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("timeout");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(12));
        assertThat(execution.path("limits").path("timeout_seconds").asInt()).isEqualTo(2);
    }

    @Test
    void failsAScriptThatExceedsItsMemoryLimit() {
        String id = submit("{\"script\": \"blocks = [bytearray(10 * 1024 * 1024) for _ in range(50)]\\nprint(len(blocks))\","
                + " \"limits\": {\"memory_mb\": 100}}");

        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(30));

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("failed");
        assertThat(execution.path("failure_reason").asText()).isEqualTo("memory limit exceeded (100 MB)");
        assertThat(execution.path("output").asText()).isEmpty();
    }

    @Test
    void capsHugeOutputAndStaysHealthy() {
        JsonNode execution = run("import sys\nchunk = 'x' * 1024 * 1024\nfor _ in range(50):\n    sys.stdout.write(chunk)");

        assertThat(execution.path("output_truncated").asBoolean()).isTrue();
        assertThat(execution.path("output").asText().length()).isLessThanOrEqualTo(1024 * 1024);
        assertThat(execution.path("output").asText()).startsWith("xxxx");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
