package io.integr8scode.execution;

import io.integr8scode.sandbox.ExecutionLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The submission JSON, read and checked without an app: what is accepted, and how each mistake is refused. */
class ExecutionRequestParserTest {

    static final ExecutionProperties.LimitSettings MAX = new ExecutionProperties.LimitSettings(60, 512, 2000);
    static final ExecutionProperties PROPERTIES = new ExecutionProperties(new ExecutionProperties.LimitSettings(10, 128, 1000), MAX,
            new ExecutionProperties.LimitSettings(5, 64, 500), 100, 50, 200, 2, true);

    private final ExecutionRequestParser parser = new ExecutionRequestParser(new ObjectMapper(), PROPERTIES);

    @Test
    void appliesTheDefaultsToLimitsLeftOut() {
        ExecutionRequest request = parse("{\"script\": \"print(1)\", \"limits\": {\"memory_mb\": 64}}", MAX);

        assertThat(request).isEqualTo(new ExecutionRequest("print(1)", "", new ExecutionLimits(10, 64, 1000)));
    }

    @Test
    void lowersTheDefaultsToALowerCeiling() {
        ExecutionRequest request = parse("{\"script\": \"print(1)\", \"stdin\": \"in\"}", PROPERTIES.anonymousMaxLimits());

        assertThat(request).isEqualTo(new ExecutionRequest("print(1)", "in", new ExecutionLimits(5, 64, 500)));
    }

    @Test
    void refusesLimitsOutsideTheirRange() {
        assertRefused("{\"script\": \"x\", \"limits\": {\"timeout_seconds\": 61}}", 400, "'limits.timeout_seconds' must be between 1 and 60; got 61.");
        assertRefused("{\"script\": \"x\", \"limits\": {\"memory_mb\": 8}}", 400, "'limits.memory_mb' must be between 16 and 512; got 8.");
        assertRefused("{\"script\": \"x\", \"limits\": {\"cpu_millicores\": 1.5}}", 400, "'limits.cpu_millicores' must be a whole number.");
        assertRefused("{\"script\": \"x\", \"limits\": 5}", 400, "'limits' must be an object.");
        assertRefused("{\"script\": \"x\", \"limits\": {\"disk_mb\": 5}}", 400,
                "Unknown field 'limits.disk_mb'; allowed: cpu_millicores, memory_mb, timeout_seconds.");
    }

    @Test
    void refusesMissingEmptyAndMistypedFields() {
        assertRefused("", 400, "The request body is empty; send {\"script\": \"print(1)\"}.");
        assertRefused("{\"stdin\": \"x\"}", 400, "'script' is required.");
        assertRefused("{\"script\": \"  \"}", 400, "'script' must not be empty.");
        assertRefused("{\"script\": 42}", 400, "'script' must be a string.");
        assertRefused("[1]", 400, "The request body must be a JSON object.");
        assertRefused("{\"script\": \"x\", \"lang\": \"js\"}", 400, "Unknown field 'lang'; allowed: limits, script, stdin.");
    }

    @Test
    void refusesScriptAndStdinOverTheirCaps() {
        assertRefused("{\"script\": \"" + "#".repeat(101) + "\"}", 413, "'script' is 101 bytes; the limit is 100 bytes.");
        assertRefused("{\"script\": \"x\", \"stdin\": \"" + "é".repeat(26) + "\"}", 413, "'stdin' is 52 bytes; the limit is 50 bytes.");
    }

    @Test
    void refusesABodyTooLargeToParse() {
        assertRefused("{\"script\": \"" + "#".repeat(20 * 1024) + "\"}", 413, "that is more than a script and stdin within their caps can take.");
    }

    @Test
    void refusesANulInTheScriptNamingWhereItIs() {
        assertRefused("{\"script\": \"print(1)\\nx = 1\\u0000\"}", 400,
                "'script' holds a NUL character at line 2, column 6; Python cannot run source that holds one.");
    }

    @Test
    void passesANulInStdinOnAsItIs() {
        ExecutionRequest request = parse("{\"script\": \"x\", \"stdin\": \"a\\u0000b\"}", MAX);

        assertThat(request.stdin()).isEqualTo("a\u0000b");
    }

    @Test
    void refusesLoneSurrogatesButKeepsPairs() {
        assertRefused("{\"script\": \"x = '\\ud800'\"}", 400,
                "'script' holds a lone surrogate (\\ud800) at line 1, column 6; send whole Unicode characters.");
        assertRefused("{\"script\": \"x\", \"stdin\": \"\\udc00\"}", 400,
                "'stdin' holds a lone surrogate (\\udc00) at line 1, column 1; send whole Unicode characters.");

        assertThat(parse("{\"script\": \"print('\\ud83d\\ude00')\"}", MAX).script()).isEqualTo("print('\ud83d\ude00')");
    }

    @Test
    void refusesDataAfterTheJsonObject() {
        assertRefused("{\"script\": \"x\"} {}", 400, null);
        assertRefused("{\"script\": \"x\"} garbage", 400, null);
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] body = {'{', '"', 's', 'c', 'r', 'i', 'p', 't', '"', ':', '"', (byte) 0xff, '"', '}'};

        assertThatThrownBy(() -> parser.parse(body, MAX))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.getMessage()).contains("UTF-8"));
    }

    @Test
    void validatesAStoredSubmissionLikeASentOne() {
        ExecutionRequest request = parser.validate(new Submission("print(2)", null, new RequestedLimits(30, null, null)), MAX);

        assertThat(request).isEqualTo(new ExecutionRequest("print(2)", "", new ExecutionLimits(30, 128, 1000)));
    }

    private ExecutionRequest parse(String json, ExecutionProperties.LimitSettings max) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), max);
    }

    private void assertRefused(String json, int status, String detail) {
        assertThatThrownBy(() -> parse(json, MAX))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(status);
                    if (detail != null) {
                        assertThat(problem.getMessage()).endsWith(detail);
                    }
                });
    }
}
