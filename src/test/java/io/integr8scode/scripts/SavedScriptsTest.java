package io.integr8scode.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A user saves, lists, edits, runs and deletes named scripts; nobody else can touch them. */
class SavedScriptsTest extends SharedAppTest {

    @Test
    void savesListsUpdatesAndDeletes() {
        String token = signUp(uniqueName("writer"));
        JsonNode saved = save(token, "{\"name\": \"shout\", \"script\": \"print(input().upper())\", \"stdin\": \"hi\", \"limits\": {\"memory_mb\": 64}}");
        String id = saved.path("script_id").asText();
        assertThat(saved.path("name").asText()).isEqualTo("shout");
        assertThat(saved.path("limits").path("memory_mb").asInt()).isEqualTo(64);
        save(token, "{\"name\": \"another\", \"script\": \"print(2)\"}");

        JsonNode listed = json(request("GET", "/api/v1/scripts", token, null).body());
        assertThat(listed.path("items").findValuesAsText("name")).containsExactly("another", "shout");

        HttpResponse<String> updated = request("PUT", "/api/v1/scripts/" + id, token, "{\"name\": \"whisper\", \"script\": \"print(input().lower())\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated.body()).path("name").asText()).isEqualTo("whisper");
        assertThat(json(updated.body()).path("limits").isNull()).isTrue();

        assertThat(request("DELETE", "/api/v1/scripts/" + id, token, null).statusCode()).isEqualTo(204);
        assertThat(request("DELETE", "/api/v1/scripts/" + id, token, null).statusCode()).isEqualTo(404);
        assertThat(json(request("GET", "/api/v1/scripts", token, null).body()).path("items").findValuesAsText("name")).containsExactly("another");
    }

    @Test
    void runsASavedScriptAsTheUsersExecution() {
        String token = signUp(uniqueName("runner"));
        String id = save(token, "{\"name\": \"shout\", \"script\": \"print(input().upper())\", \"stdin\": \"hi\"}").path("script_id").asText();

        HttpResponse<String> run = request("POST", "/api/v1/scripts/" + id + "/run", token, null);

        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        String executionId = json(run.body()).path("execution_id").asText();
        assertThat(run.headers().firstValue("Location")).hasValue("/api/v1/executions/" + executionId);
        assertThat(get("/api/v1/executions/" + executionId).statusCode()).as("owned, so not readable anonymously").isEqualTo(404);
        JsonNode done = awaitOwned(token, executionId);
        assertThat(done.path("output").asText()).isEqualTo("HI\n");
    }

    @Test
    void refusesDuplicateNamesAndOtherUsersScripts() {
        String owner = signUp(uniqueName("owner"));
        String stranger = signUp(uniqueName("stranger"));
        String id = save(owner, "{\"name\": \"mine\", \"script\": \"print(1)\"}").path("script_id").asText();
        save(owner, "{\"name\": \"other\", \"script\": \"print(1)\"}");

        HttpResponse<String> duplicate = request("POST", "/api/v1/scripts", owner, "{\"name\": \"mine\", \"script\": \"print(2)\"}");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate.body()).path("detail").asText()).contains("already have a script with this name");
        assertThat(request("PUT", "/api/v1/scripts/" + id, owner, "{\"name\": \"other\", \"script\": \"print(1)\"}").statusCode()).isEqualTo(400);
        // The same name is fine for someone else.
        save(stranger, "{\"name\": \"mine\", \"script\": \"print(3)\"}");

        assertThat(request("PUT", "/api/v1/scripts/" + id, stranger, "{\"name\": \"x\", \"script\": \"print(1)\"}").statusCode()).isEqualTo(404);
        assertThat(request("POST", "/api/v1/scripts/" + id + "/run", stranger, null).statusCode()).isEqualTo(404);
        assertThat(request("DELETE", "/api/v1/scripts/" + id, stranger, null).statusCode()).isEqualTo(404);
        assertThat(json(request("GET", "/api/v1/scripts", stranger, null).body()).path("items").findValuesAsText("script")).containsExactly("print(3)");
        assertThat(get("/api/v1/scripts").statusCode()).isEqualTo(401);
        assertThat(request("POST", "/api/v1/scripts", owner, "{\"script\": \"print(1)\"}").statusCode()).isEqualTo(400);
    }

    private JsonNode save(String token, String body) {
        HttpResponse<String> response = request("POST", "/api/v1/scripts", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    private JsonNode awaitOwned(String token, String executionId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode execution = json(request("GET", "/api/v1/executions/" + executionId, token, null).body());
        while (!execution.path("status").asText().matches("completed|failed|timeout") && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
            execution = json(request("GET", "/api/v1/executions/" + executionId, token, null).body());
        }
        return execution;
    }
}
