package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Bad requests get the right status and an RFC 9457 problem+json body, never a 500 or a stack trace. */
class SubmissionValidationTest extends SharedAppTest {

    @Test
    void refusesAnEmptyBody() {
        assertProblem(post("/api/v1/executions", "application/json", ""), 400, "empty");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertProblem(post("/api/v1/executions", "text/plain", "print(1)"), 415, null);
        assertProblem(post("/api/v1/executions", "application/json", "print(1)"), 400, "not valid JSON");
    }

    @Test
    void refusesAMissingScript() {
        assertProblem(post("/api/v1/executions", "application/json", "{\"stdin\": \"x\"}"), 400, "'script' is required");
    }

    @Test
    void refusesWrongTypesAndUnknownFields() {
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": 42}"), 400, "must be a string");
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"x\", \"lang\": \"js\"}"), 400, "Unknown field 'lang'");
        assertProblem(post("/api/v1/executions", "application/json", "[1, 2]"), 400, "JSON object");
    }

    @Test
    void refusesScriptsOverTheSizeLimit() {
        String script = "#".repeat(64 * 1024 + 1);
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"" + script + "\"}"), 413, "65536 bytes");
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"x\", \"stdin\": \"" + script + "\"}"), 413, "'stdin'");
    }

    @Test
    void refusesLimitsAboveTheConfiguredMaximum() {
        // Anonymous callers have the lower ceiling; a signed-in user's is 60 seconds.
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"x\", \"limits\": {\"timeout_seconds\": 11}}"),
                400, "between 1 and 10");
        assertProblem(request("POST", "/api/v1/executions", signUp(uniqueName("ceiling")), "{\"script\": \"x\", \"limits\": {\"timeout_seconds\": 61}}"),
                400, "between 1 and 60");
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"x\", \"limits\": {\"memory_mb\": 4096}}"),
                400, "'limits.memory_mb'");
        assertProblem(post("/api/v1/executions", "application/json", "{\"script\": \"x\", \"limits\": {\"cpu_millicores\": 1.5}}"),
                400, "whole number");
    }

    @Test
    void answersUnknownIdsWithNotFound() {
        assertProblem(get("/api/v1/executions/no-such-id"), 404, "no-such-id");
        assertProblem(get("/result/no-such-id"), 404, "no-such-id");
        assertProblem(get("/api/v1/executions/no-such-id/events"), 404, "no-such-id");
    }

    @Test
    void appliesDefaultLimitsWhenLeftOut() {
        String id = submit("{\"script\": \"print(1)\", \"limits\": {\"memory_mb\": 64}}");
        JsonNode limits = json(get("/api/v1/executions/" + id).body()).path("limits");

        assertThat(limits.path("memory_mb").asInt()).isEqualTo(64);
        assertThat(limits.path("timeout_seconds").asInt()).isEqualTo(10);
        assertThat(limits.path("cpu_millicores").asInt()).isEqualTo(1000);
    }
}
