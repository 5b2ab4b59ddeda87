package io.integr8scode.piston;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import io.integr8scode.sandbox.SandboxImageBuild;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Piston-compatible API over HTTP against the real app: scripts run in real sandboxes. */
class PistonApiTest extends SharedAppTest {

    private static String python() {
        return SandboxImageBuild.manifest().at("/python/version").asText();
    }

    private HttpResponse<String> execute(String json) {
        return post("/api/v2/execute", "application/json", json);
    }

    private JsonNode run(String language, String version, String script, String extra) {
        HttpResponse<String> response = execute("{\"language\": \"" + language + "\", \"version\": \"" + version
                + "\", \"files\": [{\"name\": \"main.py\", \"content\": " + JSON.valueToTree(script) + "}]" + extra + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    @Test
    void listsPythonAtTheSandboxImagesVersion() {
        HttpResponse<String> response = get("/api/v2/runtimes");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body())).isEqualTo(
                json("[{\"language\": \"python\", \"version\": \"" + python() + "\", \"aliases\": [\"py\", \"python3\"]}]"));
    }

    @Test
    void runsAScriptAndAnswersItsResult() {
        JsonNode answer = run("python", "*", "print('hello, Piston')", "");

        assertThat(answer.path("language").asText()).isEqualTo("python");
        assertThat(answer.path("version").asText()).isEqualTo(python());
        assertThat(answer.at("/run/stdout").asText()).isEqualTo("hello, Piston\n");
        assertThat(answer.at("/run/stderr").asText()).isEmpty();
        assertThat(answer.at("/run/output").asText()).isEqualTo("hello, Piston\n");
        assertThat(answer.at("/run/code").asInt()).isZero();
        assertThat(answer.at("/run/signal").isNull()).isTrue();
    }

    @Test
    void passesStdinAndAcceptsAliasesAndVersionPrefixes() {
        String major = python().split("\\.")[0];
        JsonNode answer = run("py", major + ".x", "print(input().upper())", ", \"stdin\": \"piston\", \"args\": []");

        assertThat(answer.at("/run/stdout").asText()).isEqualTo("PISTON\n");
    }

    @Test
    void reportsAFailingScriptsExitCodeAndStderr() {
        JsonNode answer = run("python3", python(), "import sys\nprint('out')\nsys.exit('bad input')", "");

        assertThat(answer.at("/run/code").asInt()).isEqualTo(1);
        assertThat(answer.at("/run/stderr").asText()).isEqualTo("bad input\n");
        assertThat(answer.at("/run/output").asText()).isEqualTo("out\nbad input\n");
        assertThat(answer.at("/run/status").asText()).isEqualTo("RE");
    }

    @Test
    void killsAtTheRunTimeoutWithSigkill() {
        JsonNode answer = run("python", "*", "while True: pass", ", \"run_timeout\": 1000, \"run_memory_limit\": -1");

        assertThat(answer.at("/run/code").isNull()).isTrue();
        assertThat(answer.at("/run/signal").asText()).isEqualTo("SIGKILL");
        assertThat(answer.at("/run/status").asText()).isEqualTo("TO");
    }

    @Test
    void answersPistonsErrorsForBadRequests() {
        assertThat(json(execute("{\"version\": \"*\", \"files\": []}").body()))
                .isEqualTo(json("{\"message\": \"language is required as a string\"}"));
        assertThat(json(execute("{\"language\": \"python\", \"version\": \"*\", \"files\": [{}]}").body()))
                .isEqualTo(json("{\"message\": \"files[0].content is required as a string\"}"));
        HttpResponse<String> unknown = execute("{\"language\": \"rust\", \"version\": \"*\", \"files\": [{\"content\": \"\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body())).isEqualTo(json("{\"message\": \"rust-* runtime is unknown\"}"));
        assertThat(json(execute("{\"language\": \"python\", \"version\": \"2\", \"files\": [{\"content\": \"print 1\"}]}").body())
                .path("message").asText()).isEqualTo("python-2 runtime is unknown");
        HttpResponse<String> timeout = execute("{\"language\": \"python\", \"version\": \"*\", \"files\": [{\"content\": \"print(1)\"}], \"run_timeout\": 600000}");
        assertThat(timeout.statusCode()).isEqualTo(400);
        assertThat(json(timeout.body()).path("message").asText()).isEqualTo("run_timeout cannot exceed the configured limit of 10000");
        HttpResponse<String> plain = post("/api/v2/execute", "text/plain", "{}");
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(json(plain.body())).isEqualTo(json("{\"message\": \"requests must be of type application/json\"}"));
    }

    @Test
    void refusesArgumentsAndExtraFilesItCannotPassOn() {
        HttpResponse<String> args = execute("{\"language\": \"python\", \"version\": \"*\", \"files\": [{\"content\": \"import sys; print(sys.argv)\"}], \"args\": [\"1\"]}");
        HttpResponse<String> files = execute("{\"language\": \"python\", \"version\": \"*\", \"files\": [{\"content\": \"import helper\"}, {\"name\": \"helper.py\", \"content\": \"\"}]}");

        assertThat(args.statusCode()).isEqualTo(400);
        assertThat(json(args.body()).path("message").asText()).startsWith("args are not supported");
        assertThat(files.statusCode()).isEqualTo(400);
        assertThat(json(files.body()).path("message").asText()).startsWith("only one file is supported");
    }

}
