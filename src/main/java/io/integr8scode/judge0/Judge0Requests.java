package io.integr8scode.judge0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.JsonBody;
import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.execution.ExecutionRequestParser;
import io.integr8scode.execution.RequestedLimits;
import io.integr8scode.execution.Submission;
import io.integr8scode.security.Caller;
import io.integr8scode.webhooks.CallbackTargets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads Judge0 submissions into our execution requests, validating like Judge0 does (422 with messages per
 * field). Mapped: {@code source_code}, {@code stdin}, {@code expected_output} (Base64 when
 * {@code ?base64_encoded=true}), {@code language_id}, {@code cpu_time_limit} and {@code wall_time_limit}
 * (seconds; our wall-time limit is the smaller of the two given, rounded up) and {@code memory_limit} (KB, rounded
 * up to MB). Judge0 options the platform does not offer are refused when set, never silently dropped; unknown
 * fields are ignored, as Judge0 ignores them.
 */
@Component("judge0Requests")
public class Judge0Requests {

    private static final String BLANK = "can't be blank";
    private static final int MIN_MEMORY_KB = 16 * 1024;

    private final ObjectMapper json;
    private final ExecutionRequestParser parser;
    private final ExecutionProperties executions;
    private final Judge0Catalog catalog;
    private final Judge0Properties properties;
    private final CallbackTargets callbacks;

    Judge0Requests(ObjectMapper json, ExecutionRequestParser parser, ExecutionProperties executions, Judge0Catalog catalog,
                   Judge0Properties properties, CallbackTargets callbacks) {
        this.json = json;
        this.parser = parser;
        this.executions = executions;
        this.catalog = catalog;
        this.properties = properties;
        this.callbacks = callbacks;
    }

    /** How long {@code ?wait=true} waits for the finished submission. */
    public java.time.Duration waitTimeout() {
        return properties.waitTimeout();
    }

    /** One submission of {@code POST /submissions}. */
    public Judge0Submission read(byte[] body, String contentType, String base64Encoded, Caller caller) {
        return submission(object(tree(body, contentType)), "true".equals(base64Encoded), caller);
    }

    /**
     * The items of {@code POST /submissions/batch}, each a valid submission or its field errors: Judge0 creates
     * the valid ones and answers the errors of the others in their places.
     */
    public List<Object> readBatch(byte[] body, String contentType, String base64Encoded, Caller caller) {
        JsonNode submissions = object(tree(body, contentType)).path("submissions");
        int count = submissions.isArray() ? submissions.size() : 0;
        if (count == 0) {
            throw ApiProblem.badRequest("there should be at least one submission in a batch");
        }
        if (count > properties.maxBatchSize()) {
            throw ApiProblem.badRequest("number of submissions in a batch should be less than or equal to "
                    + properties.maxBatchSize());
        }
        List<Object> items = new ArrayList<>();
        for (JsonNode item : submissions) {
            try {
                items.add(submission(object(item), "true".equals(base64Encoded), caller));
            } catch (Judge0FieldErrors invalid) {
                items.add(invalid.errors());
            }
        }
        return items;
    }

    private Judge0Submission submission(JsonNode root, boolean base64, Caller caller) {
        ExecutionProperties.LimitSettings max = executions.maxLimitsFor(caller.isAnonymous());
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String source = text(root, "source_code", base64);
        if (source == null || source.isBlank()) {
            add(errors, "source_code", BLANK);
        }
        Integer languageId = language(root, errors);
        Double cpuTime = number(root, "cpu_time_limit", 0, max.timeoutSeconds(), errors);
        Double wallTime = number(root, "wall_time_limit", 1, max.timeoutSeconds(), errors);
        Double memoryKb = number(root, "memory_limit", MIN_MEMORY_KB, max.memoryMb() * 1024.0, errors);
        refuseUnsupported(root, errors);
        Map<String, Object> callback = callback(root, errors);
        if (!errors.isEmpty()) {
            throw new Judge0FieldErrors(errors);
        }
        Integer timeoutSeconds = cpuTime == null && wallTime == null ? null
                : (int) Math.max(1, Math.ceil(Math.min(cpuTime == null ? wallTime : cpuTime, wallTime == null ? cpuTime : wallTime)));
        Integer memoryMb = memoryKb == null ? null : (int) Math.ceil(memoryKb / 1024);
        String stdin = text(root, "stdin", base64);
        Submission submission = new Submission(source, stdin, new RequestedLimits(timeoutSeconds, memoryMb, null));
        return new Judge0Submission(parser.validate(submission, max), languageId, text(root, "expected_output", base64),
                callback);
    }

    /** The callback fields of a {@code callback_url} (null for none); a URL that may not be called is a field error. */
    private Map<String, Object> callback(JsonNode root, Map<String, List<String>> errors) {
        JsonNode url = root.get("callback_url");
        if (url == null || url.isNull() || (url.isTextual() && url.asText().isEmpty())) {
            return null;
        }
        if (!url.isTextual()) {
            add(errors, "callback_url", "must be a string");
            return null;
        }
        try {
            return callbacks.extrasOf(url.asText(), Judge0CallbackPayload.FORMAT);
        } catch (ApiProblem refused) {
            add(errors, "callback_url", refused.getMessage());
            return null;
        }
    }

    private Integer language(JsonNode root, Map<String, List<String>> errors) {
        JsonNode value = root.get("language_id");
        if (value == null || value.isNull() || value.asText().isBlank()) {
            add(errors, "language_id", BLANK);
            return null;
        }
        String refusal = catalog.refusalOf(value.asText());
        if (refusal != null) {
            add(errors, "language_id", refusal);
            return null;
        }
        return Integer.parseInt(value.asText());
    }

    /**
     * Judge0 options with no counterpart here, refused in Judge0's words where it has them (its messages for a
     * host that disabled the feature), so a client never believes an option was applied.
     */
    private static void refuseUnsupported(JsonNode root, Map<String, List<String>> errors) {
        if (given(root, "compiler_options")) {
            add(errors, "compiler_options", "setting compiler options is only allowed for compiled languages");
        }
        if (given(root, "command_line_arguments")) {
            add(errors, "command_line_arguments", "setting command line arguments is not allowed");
        }
        if (given(root, "additional_files")) {
            add(errors, "additional_files", "setting additional files is not allowed");
        }
        if (root.path("enable_network").asBoolean(false)) {
            add(errors, "enable_network", "enabling network is not allowed");
        }
        for (String option : List.of("enable_per_process_and_thread_time_limit", "enable_per_process_and_thread_memory_limit")) {
            if (root.path(option).asBoolean(false)) {
                add(errors, option, "this option cannot be enabled");
            }
        }
        if (root.path("redirect_stderr_to_stdout").asBoolean(false)) {
            add(errors, "redirect_stderr_to_stdout", "redirecting stderr to stdout is not supported");
        }
        if (given(root, "number_of_runs") && root.path("number_of_runs").asDouble(0) != 1) {
            add(errors, "number_of_runs", "must be less than or equal to 1");
        }
        for (String limit : List.of("cpu_extra_time", "stack_limit", "max_processes_and_or_threads", "max_file_size")) {
            if (given(root, limit)) {
                add(errors, limit, "is not supported: the sandbox's own limit applies");
            }
        }
    }

    private static Double number(JsonNode root, String field, double min, double max, Map<String, List<String>> errors) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        double number;
        try {
            number = value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText());
        } catch (NumberFormatException notANumber) {
            add(errors, field, "is not a number");
            return null;
        }
        if (number < min) {
            add(errors, field, "must be greater than or equal to " + format(min));
        } else if (number > max) {
            add(errors, field, "must be less than or equal to " + format(max));
        }
        return number;
    }

    private static String format(double value) {
        return value == Math.rint(value) && value >= 1000 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static boolean given(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && !value.isNull() && !value.asText().isEmpty();
    }

    private static String text(JsonNode root, String field, boolean base64) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isContainerNode() ? value.toString() : value.asText();
        return base64 ? Judge0Base64.decode(text) : text;
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, name -> new ArrayList<>()).add(message);
    }

    private JsonNode tree(byte[] body, String contentType) {
        JsonBody.require(contentType, body);
        // Escaping can at most sextuple a text: refuse before parsing what can never fit (source, stdin, expected output).
        long ceiling = (6L * (executions.scriptMaxBytes() + 2L * executions.stdinMaxBytes()) + 16 * 1024) * properties.maxBatchSize();
        if (body != null && body.length > ceiling) {
            throw ApiProblem.tooLarge("The request body is " + body.length + " bytes; the most a batch of submissions can take is " + ceiling + ".");
        }
        try {
            JsonNode root = body == null || body.length == 0 ? null : json.readTree(body);
            return root == null ? json.createObjectNode() : root;
        } catch (IOException notJson) {
            throw ApiProblem.badRequest("The request body is not valid JSON.");
        }
    }

    private static JsonNode object(JsonNode node) {
        if (!node.isObject()) {
            throw ApiProblem.badRequest("A submission must be a JSON object.");
        }
        return node;
    }
}
