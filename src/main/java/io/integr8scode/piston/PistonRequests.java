package io.integr8scode.piston;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.execution.ExecutionRequest;
import io.integr8scode.execution.ExecutionRequestParser;
import io.integr8scode.execution.RequestedLimits;
import io.integr8scode.execution.Submission;
import io.integr8scode.security.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Reads {@code POST /api/v2/execute} into our execution request, checked in the order and words of Piston v2
 * (api/src/api/v2.js), every refusal a 400 {@code {"message": ...}}. {@code files[0]} is the script
 * ({@code encoding} utf8, base64 or hex); {@code run_timeout} (ms, with {@code run_cpu_time} the smaller of the
 * two) becomes our wall-time limit in whole seconds, {@code run_memory_limit} (bytes, -1: the default) our memory
 * limit in MB, both rounded up. What the sandbox cannot do is refused, not ignored: more than one file
 * (a script sees no files beside it) and command-line arguments (scripts run without argv). The compile
 * stage's fields are checked like Piston checks them and have no effect: Python has no compile stage.
 */
@Component("pistonRequests")
public class PistonRequests {

    private static final long MIB = 1024 * 1024;
    private static final int MIN_MEMORY_MB = 16;
    private static final int ENVELOPE_BYTES = 16 * 1024;

    private final ObjectMapper json;
    private final ExecutionRequestParser parser;
    private final ExecutionProperties executions;
    private final PistonRuntime runtime;
    private final PistonProperties properties;

    PistonRequests(ObjectMapper json, ExecutionRequestParser parser, ExecutionProperties executions, PistonRuntime runtime,
                   PistonProperties properties) {
        this.json = json;
        this.parser = parser;
        this.executions = executions;
        this.runtime = runtime;
        this.properties = properties;
    }

    public Duration waitTimeout() {
        return properties.waitTimeout();
    }

    public ExecutionRequest read(byte[] body, String contentType, Caller caller) {
        if (contentType == null || !contentType.startsWith("application/json")) {
            throw new ApiProblem(415, "Unsupported media type", "requests must be of type application/json");
        }
        JsonNode root = tree(body);
        String language = requiredText(root, "language");
        String version = requiredText(root, "version");
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            throw ApiProblem.badRequest("files is required as an array");
        }
        for (int i = 0; i < files.size(); i++) {
            if (!files.get(i).path("content").isTextual()) {
                throw ApiProblem.badRequest("files[" + i + "].content is required as a string");
            }
        }
        if (!runtime.matches(language, version)) {
            throw ApiProblem.badRequest(language + "-" + version + " runtime is unknown");
        }
        ExecutionProperties.LimitSettings max = executions.maxLimitsFor(caller.isAnonymous());
        Long runTimeout = constraint(root, "run_timeout", max.timeoutSeconds() * 1000L);
        Long runCpuTime = constraint(root, "run_cpu_time", max.timeoutSeconds() * 1000L);
        Long runMemory = constraint(root, "run_memory_limit", max.memoryMb() * MIB);
        for (String compileField : new String[] {"compile_timeout", "compile_cpu_time", "compile_memory_limit"}) {
            constraint(root, compileField, Long.MAX_VALUE);
        }
        if (files.size() != 1) {
            throw ApiProblem.badRequest(files.isEmpty() ? "files must include at least one utf8 encoded file"
                    : "only one file is supported: the first file is the script, and scripts run with no other files");
        }
        JsonNode args = root.get("args");
        if (args != null && !args.isNull() && (!args.isArray() || !args.isEmpty())) {
            throw ApiProblem.badRequest("args are not supported: scripts run without command-line arguments");
        }
        JsonNode stdin = root.get("stdin");
        if (stdin != null && !stdin.isNull() && !stdin.isTextual()) {
            throw ApiProblem.badRequest("stdin must be a string");
        }
        Integer timeoutSeconds = timeoutSeconds(runTimeout, runCpuTime);
        Integer memoryMb = runMemory == null || runMemory == -1 ? null : (int) Math.ceil((double) runMemory / MIB);
        if (memoryMb != null && memoryMb < MIN_MEMORY_MB) {
            throw ApiProblem.badRequest("run_memory_limit must be at least " + MIN_MEMORY_MB * MIB);
        }
        Submission submission = new Submission(content(files.get(0)), stdin == null || stdin.isNull() ? "" : stdin.textValue(),
                new RequestedLimits(timeoutSeconds, memoryMb, null));
        return parser.validate(submission, max);
    }

    /**
     * A limit as Piston checks it: absent, 0 or null is the default; otherwise a number, at most the configured
     * limit and not negative. -1 (no limit in Piston) is the default here, where every run has a limit.
     */
    private static Long constraint(JsonNode root, String field, long configured) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull() || (value.isNumber() && value.doubleValue() == 0)
                || (value.isTextual() && value.asText().isEmpty()) || (value.isBoolean() && !value.booleanValue())) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiProblem.badRequest("If specified, " + field + " must be a number");
        }
        if (value.doubleValue() == -1) {
            return -1L;
        }
        if (value.doubleValue() > configured) {
            throw ApiProblem.badRequest(field + " cannot exceed the configured limit of " + configured);
        }
        if (value.doubleValue() < 0) {
            throw ApiProblem.badRequest(field + " must be non-negative");
        }
        return (long) Math.ceil(value.doubleValue());
    }

    private static Integer timeoutSeconds(Long runTimeout, Long runCpuTime) {
        Long millis = null;
        for (Long given : new Long[] {runTimeout, runCpuTime}) {
            if (given != null && given != -1) {
                millis = millis == null ? given : Math.min(millis, given);
            }
        }
        return millis == null ? null : (int) Math.max(1, Math.ceil(millis / 1000.0));
    }

    private static String content(JsonNode file) {
        String content = file.path("content").textValue();
        String encoding = file.path("encoding").asText("utf8");
        try {
            return switch (encoding) {
                case "utf8", "" -> content;
                case "base64" -> new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8);
                case "hex" -> new String(HexFormat.of().parseHex(content), StandardCharsets.UTF_8);
                default -> throw ApiProblem.badRequest("files[0].encoding must be one of utf8, base64 or hex");
            };
        } catch (IllegalArgumentException undecodable) {
            throw ApiProblem.badRequest("files[0].content is not valid " + encoding);
        }
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw ApiProblem.badRequest(field + " is required as a string");
        }
        return value.textValue();
    }

    private JsonNode tree(byte[] body) {
        long ceiling = 6L * (executions.scriptMaxBytes() + executions.stdinMaxBytes()) + ENVELOPE_BYTES;
        if (body != null && body.length > ceiling) {
            throw ApiProblem.tooLarge("The request body is " + body.length + " bytes; a script and stdin within their caps fit in " + ceiling + ".");
        }
        try {
            JsonNode root = body == null || body.length == 0 ? null : json.readTree(body);
            if (root == null || !root.isObject()) {
                throw ApiProblem.badRequest("the request body must be a JSON object");
            }
            return root;
        } catch (IOException notJson) {
            throw ApiProblem.badRequest("the request body is not valid JSON");
        }
    }
}
