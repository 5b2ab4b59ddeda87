package io.integr8scode.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The Judge0-compatible API over HTTP against the real app: scripts run in real sandboxes. */
class Judge0ApiTest extends SharedAppTest {

    private HttpResponse<String> submit(String query, String json) {
        return post("/judge0/submissions" + query, "application/json", json);
    }

    private JsonNode submitAndWait(String json) {
        HttpResponse<String> response = submit("?wait=true", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    @Test
    void runsHelloWorldAndAnswersTheFinishedSubmissionWhenAskedToWait() {
        JsonNode submission = submitAndWait("{\"source_code\": \"print('hello, Judge0')\", \"language_id\": 71}");

        assertThat(submission.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(submission.path("status").path("description").asText()).isEqualTo("Accepted");
        assertThat(submission.path("stdout").asText()).isEqualTo("hello, Judge0\n");
        assertThat(submission.path("stderr").isNull()).isTrue();
        assertThat(submission.path("compile_output").isNull()).isTrue();
        assertThat(submission.path("time").asText()).matches("\\d+\\.\\d{3}");
        assertThat(submission.path("memory").asInt()).isPositive();
        assertThat(submission.path("token").asText()).matches("[0-9a-f-]{36}");
        // The token is the execution id of our own API.
        assertThat(json(get("/api/v1/executions/" + submission.path("token").asText()).body()).path("status").asText())
                .isEqualTo("completed");
    }

    @Test
    void answersATokenAndServesTheSubmissionByIt() {
        HttpResponse<String> created = submit("", "{\"source_code\": \"print(input()[::-1])\", \"language_id\": 71, \"stdin\": \"abc\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created.body());
        assertThat(body.size()).isEqualTo(1);
        String token = body.path("token").asText();

        awaitTerminal(token, java.time.Duration.ofSeconds(30));
        JsonNode submission = json(get("/judge0/submissions/" + token).body());

        assertThat(submission.path("stdout").asText()).isEqualTo("cba\n");
        assertThat(submission.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(submission.has("source_code")).isFalse();
    }

    @Test
    void comparesStdoutWithTheExpectedOutputAsJudge0Does() {
        String script = "print('a  ')\\nprint('b')";
        JsonNode accepted = submitAndWait("{\"source_code\": \"" + script + "\", \"language_id\": 71, \"expected_output\": \"a\\nb\\n\\n\"}");
        JsonNode wrong = submitAndWait("{\"source_code\": \"" + script + "\", \"language_id\": 71, \"expected_output\": \"a\\nc\"}");

        assertThat(accepted.path("status").path("description").asText()).isEqualTo("Accepted");
        assertThat(wrong.path("status").path("id").asInt()).isEqualTo(4);
        assertThat(wrong.path("status").path("description").asText()).isEqualTo("Wrong Answer");
    }

    @Test
    void reportsAFailingScriptAsARuntimeErrorWithItsExitCode() {
        HttpResponse<String> response = submit("?wait=true&fields=stderr,exit_code,exit_signal,message,status",
                "{\"source_code\": \"import sys\\nprint('boom', file=sys.stderr)\\nsys.exit(3)\", \"language_id\": 71}");
        JsonNode submission = json(response.body());

        assertThat(submission.path("status").path("id").asInt()).isEqualTo(11);
        assertThat(submission.path("status").path("description").asText()).isEqualTo("Runtime Error (NZEC)");
        assertThat(submission.path("exit_code").asInt()).isEqualTo(3);
        assertThat(submission.path("exit_signal").isNull()).isTrue();
        assertThat(submission.path("stderr").asText()).isEqualTo("boom\n");
        assertThat(submission.path("message").asText()).isEqualTo("Exited with error status 3");
        assertThat(submission.has("stdout")).isFalse();
    }

    @Test
    void mapsTheTimeLimitInSecondsOntoOurTimeout() {
        JsonNode submission = submitAndWait("{\"source_code\": \"while True: pass\", \"language_id\": 71, \"cpu_time_limit\": 0.5, \"wall_time_limit\": 5}");

        assertThat(submission.path("status").path("id").asInt()).isEqualTo(5);
        assertThat(submission.path("status").path("description").asText()).isEqualTo("Time Limit Exceeded");
        String token = submission.path("token").asText();
        JsonNode execution = json(get("/api/v1/executions/" + token).body());
        assertThat(execution.at("/limits/timeout_seconds").asInt()).isEqualTo(1);
    }

    @Test
    void mapsTheMemoryLimitInKilobytesOntoOurMemoryLimit() {
        JsonNode submission = json(submit("?wait=true&fields=token,memory_limit,status",
                "{\"source_code\": \"print(1)\", \"language_id\": 71, \"memory_limit\": 65536}").body());

        assertThat(submission.path("memory_limit").asInt()).isEqualTo(65536);
        JsonNode execution = json(get("/api/v1/executions/" + submission.path("token").asText()).body());
        assertThat(execution.at("/limits/memory_mb").asInt()).isEqualTo(64);
    }

    @Test
    void readsAndWritesBase64WhenAsked() {
        String source = Base64.getEncoder().encodeToString("print(input() + '!')".getBytes(StandardCharsets.UTF_8));
        String stdin = Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = submit("?base64_encoded=true&wait=true&fields=*",
                "{\"source_code\": \"" + source + "\", \"stdin\": \"" + stdin + "\", \"language_id\": 71}");
        JsonNode submission = json(response.body());

        assertThat(decode(submission.path("stdout").asText())).isEqualTo("héllo!\n");
        assertThat(decode(submission.path("source_code").asText())).isEqualTo("print(input() + '!')");
        assertThat(submission.path("language_id").asInt()).isEqualTo(71);
        assertThat(submission.path("language").path("name").asText()).isEqualTo("Python (3.8.1)");
        assertThat(submission.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(submission.path("finished_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(submission.size()).isEqualTo(Judge0Views.ATTRIBUTES.size());
    }

    @Test
    void refusesUnknownAndMissingLanguagesAsJudge0Does() {
        HttpResponse<String> unknown = submit("", "{\"source_code\": \"print(1)\", \"language_id\": 150000}");
        HttpResponse<String> python2 = submit("", "{\"source_code\": \"print 1\", \"language_id\": 70}");
        HttpResponse<String> archived = submit("", "{\"source_code\": \"print(1)\", \"language_id\": 34}");
        HttpResponse<String> missing = submit("", "{\"source_code\": \"\"}");

        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json(unknown.body())).isEqualTo(json("{\"language_id\": [\"language with id 150000 doesn't exist\"]}"));
        assertThat(json(python2.body())).isEqualTo(json("{\"language_id\": [\"language with id 70 doesn't exist\"]}"));
        assertThat(json(archived.body())).isEqualTo(
                json("{\"language_id\": [\"language with id 34 is archived and cannot be used anymore\"]}"));
        assertThat(json(missing.body())).isEqualTo(
                json("{\"source_code\": [\"can't be blank\"], \"language_id\": [\"can't be blank\"]}"));
    }

    @Test
    void refusesOptionsItCannotHonourInsteadOfIgnoringThem() {
        HttpResponse<String> response = submit("", "{\"source_code\": \"print(1)\", \"language_id\": 71, "
                + "\"callback_url\": 5, \"command_line_arguments\": \"-v\", \"wall_time_limit\": 1000}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = json(response.body());
        assertThat(errors.path("callback_url").get(0).asText()).isEqualTo("must be a string");
        assertThat(errors.path("command_line_arguments").get(0).asText()).isEqualTo("setting command line arguments is not allowed");
        assertThat(errors.path("wall_time_limit").get(0).asText()).isEqualTo("must be less than or equal to 10.0");
    }

    @Test
    void createsAndReadsBatchesItemByItem() {
        HttpResponse<String> created = post("/judge0/submissions/batch", "application/json",
                "{\"submissions\": [{\"source_code\": \"print('one')\", \"language_id\": 71},"
                        + " {\"source_code\": \"print(2)\", \"language_id\": 1234},"
                        + " {\"source_code\": \"print('three')\", \"language_id\": 71}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode items = json(created.body());
        assertThat(items.get(1)).isEqualTo(json("{\"language_id\": [\"language with id 1234 doesn't exist\"]}"));
        String first = items.get(0).path("token").asText();
        String third = items.get(2).path("token").asText();
        awaitTerminal(first, java.time.Duration.ofSeconds(30));
        awaitTerminal(third, java.time.Duration.ofSeconds(30));

        JsonNode read = json(get("/judge0/submissions/batch?fields=token,stdout,status_id&tokens=" + first
                + ",00000000-0000-4000-8000-000000000000," + third).body());

        assertThat(read.path("submissions").get(0)).isEqualTo(json("{\"stdout\": \"one\\n\", \"status_id\": 3, \"token\": \"" + first + "\"}"));
        assertThat(read.path("submissions").get(1).isNull()).isTrue();
        assertThat(read.path("submissions").get(2).path("stdout").asText()).isEqualTo("three\n");
    }

    @Test
    void answersJudge0sErrorsForUnknownTokensAndFields() {
        HttpResponse<String> unknown = get("/judge0/submissions/00000000-0000-4000-8000-000000000000");
        HttpResponse<String> badFields = get("/judge0/submissions/00000000-0000-4000-8000-000000000000?fields=stdout,nope");
        HttpResponse<String> emptyBatch = get("/judge0/submissions/batch?tokens=");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).path("error").asText()).contains("doesn't exist");
        assertThat(badFields.statusCode()).isEqualTo(400);
        assertThat(json(badFields.body())).isEqualTo(json("{\"error\": \"invalid fields: [nope]\"}"));
        assertThat(json(emptyBatch.body())).isEqualTo(json("{\"error\": \"there should be at least one submission in a batch\"}"));
    }

    @Test
    void keepsAUsersSubmissionsToThatUser() {
        String owner = signUp(uniqueName("judge0-owner"));
        String other = signUp(uniqueName("judge0-other"));
        HttpResponse<String> created = request("POST", "/judge0/submissions", owner, "{\"source_code\": \"print(1)\", \"language_id\": 71}");
        String token = json(created.body()).path("token").asText();

        assertThat(request("GET", "/judge0/submissions/" + token, other, null).statusCode()).isEqualTo(404);
        assertThat(get("/judge0/submissions/" + token).statusCode()).isEqualTo(404);
        assertThat(request("GET", "/judge0/submissions/" + token, owner, null).statusCode()).isEqualTo(200);
    }

    @Test
    void describesItsLanguagesStatusesAndConfiguration() {
        assertThat(json(get("/judge0/languages").body())).isEqualTo(json("[{\"id\": 71, \"name\": \"Python (3.8.1)\"}]"));
        assertThat(json(get("/judge0/languages/71").body()).path("is_archived").asBoolean()).isFalse();
        assertThat(get("/judge0/languages/70").statusCode()).isEqualTo(404);
        JsonNode statuses = json(get("/judge0/statuses").body());
        assertThat(statuses).hasSize(14);
        assertThat(statuses.get(10)).isEqualTo(json("{\"id\": 11, \"description\": \"Runtime Error (NZEC)\"}"));
        assertThat(json(get("/judge0/about").body()).path("version").asText()).isEqualTo("1.13.1");
        JsonNode config = json(get("/judge0/config_info").body());
        assertThat(config.path("enable_wait_result").asBoolean()).isTrue();
        assertThat(config.path("enable_callbacks").asBoolean()).isTrue();
        assertThat(config.path("callbacks_max_tries").asInt()).isPositive();
        // Anonymous callers' ceiling (application.yaml): 10 s and 256 MB.
        assertThat(config.path("max_wall_time_limit").asDouble()).isEqualTo(10.0);
        assertThat(config.path("max_memory_limit").asInt()).isEqualTo(256 * 1024);
        // Every key Judge0 CE 1.13.1 answers (its app/helpers/config.rb), no more.
        assertThat(config.size()).isEqualTo(39);
    }


    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
