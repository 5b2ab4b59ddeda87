package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A running execution is stopped on request in its real sandbox (the runner level, with every runtime, is
 * sandbox/SandboxStopTest): it ends cancelled long before its time limit, with what it printed before the stop.
 */
class CancelRunningTest extends SharedAppTest {

    /** Prints, then would loop until its 10 s limit. */
    private static final String PRINTS_THEN_LOOPS = "{\"script\": \"import time\\nprint('before the stop', flush=True)\\nwhile True:\\n    time.sleep(0.05)\", \"limits\": {\"timeout_seconds\": 10}}";

    @Test
    void stopsARunningExecutionAndKeepsItsOutput() {
        String id = submit(PRINTS_THEN_LOOPS);
        awaitStatus(id, "running");
        sleep(Duration.ofSeconds(2)); // time to print: Python starts in a sandbox in well under this

        HttpResponse<String> answer = request("POST", "/api/v1/executions/" + id + "/cancel", null, null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(json(answer.body()).path("status").asText()).isEqualTo("running");
        JsonNode execution = awaitTerminal(id, Duration.ofSeconds(20));
        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("cancelled");
        assertThat(execution.path("output").asText()).isEqualTo("before the stop\n");
        assertThat(execution.path("failure_reason").asText()).isEqualTo("cancelled while running");
        assertThat(execution.path("exit_code").asInt()).isEqualTo(137);
        assertThat(execution.path("duration_ms").asLong()).as("stopped, not timed out at 10 s").isLessThan(9_000);
        assertProblem(request("POST", "/api/v1/executions/" + id + "/cancel", null, null), 409, "is cancelled");
    }

    private void awaitStatus(String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!status.equals(json(get("/api/v1/executions/" + id).body()).path("status").asText())) {
            assertThat(System.nanoTime()).as("execution %s reached %s", id, status).isLessThan(deadline);
            sleep(Duration.ofMillis(50));
        }
    }
}
