package io.integr8scode.execution;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.UnicodeText;
import io.integr8scode.sandbox.ExecutionLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns the submission JSON (the same for REST and queue) into an {@link ExecutionRequest}, or refuses it
 * with an {@link ApiProblem} that tells the submitter exactly what to fix.
 */
@Component
public class ExecutionRequestParser {

    private static final Set<String> FIELDS = Set.of("script", "stdin", "limits");
    private static final String CALLBACK_URL = "callback_url";
    private static final Set<String> LIMIT_FIELDS = Set.of("timeout_seconds", "memory_mb", "cpu_millicores");
    /** Room for JSON syntax and escaping around the script and stdin before a body counts as too large. */
    private static final int ENVELOPE_BYTES = 16 * 1024;
    private static final int MIN_MEMORY_MB = 16;
    private static final int MIN_CPU_MILLICORES = 10;

    /** One JSON value and nothing after it: trailing data is refused, not silently dropped. */
    private final ObjectReader json;
    private final ExecutionProperties properties;

    ExecutionRequestParser(ObjectMapper json, ExecutionProperties properties) {
        this.json = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.properties = properties;
    }

    /** Reads and checks a submission body against a ceiling of limits. */
    public ExecutionRequest parse(byte[] body, ExecutionProperties.LimitSettings max) {
        return validate(read(body), max);
    }

    /**
     * Reads and checks an HTTP submission, which may also name a {@code callback_url} (a string; whether it may
     * be called is the {@code webhooks} package's to say).
     */
    public HttpSubmission parseHttp(JsonNode body, ExecutionProperties.LimitSettings max) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest("A submission must be a JSON object.");
        }
        ObjectNode fields = ((ObjectNode) body).deepCopy();
        JsonNode callback = fields.remove(CALLBACK_URL);
        if (callback != null && !callback.isNull() && !callback.isTextual()) {
            throw ApiProblem.badRequest("'" + CALLBACK_URL + "' must be a string.");
        }
        String callbackUrl = callback == null || callback.isNull() ? null : callback.textValue();
        return new HttpSubmission(validate(read(fields), max), callbackUrl);
    }

    /** Reads the submission JSON: an object with only known fields, each of its type. */
    public Submission read(byte[] body) {
        return read(readObject(body));
    }

    /**
     * Reads a request body that must be one JSON object (a submission, or a saved script with its name), no
     * larger than a script and stdin within their caps can make it.
     */
    public ObjectNode readObject(byte[] body) {
        return readObject(body, 1);
    }

    /** Reads a request body that must be one JSON object holding up to {@code submissions} submissions (a batch). */
    public ObjectNode readObject(byte[] body, int submissions) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("The request body is empty; send {\"script\": \"print(1)\"}.");
        }
        // Escaping can at most sextuple a payload; refuse before parsing what can never fit.
        long ceiling = (6L * (properties.scriptMaxBytes() + properties.stdinMaxBytes()) + ENVELOPE_BYTES) * Math.max(1, submissions);
        if (body.length > ceiling) {
            throw ApiProblem.tooLarge("The request body is " + body.length + " bytes; that is more than a script and stdin within their caps can take.");
        }
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        return (ObjectNode) root;
    }

    /** Reads a submission already parsed as JSON (a saved script's body is one, with its name removed). */
    public Submission read(JsonNode root) {
        if (!root.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        rejectUnknownFields(root, FIELDS, "");
        return new Submission(text(root, "script", true), text(root, "stdin", false), requestedLimits(root.get("limits")));
    }

    /**
     * Checks the script and stdin against their caps and resolves the limits against the defaults and the
     * ceiling. Both must be whole Unicode; the script may not hold a NUL, which Python cannot run (stdin may:
     * it reaches the script byte for byte).
     */
    public ExecutionRequest validate(Submission submission, ExecutionProperties.LimitSettings max) {
        String script = submission.script();
        if (script.isBlank()) {
            throw ApiProblem.badRequest("'script' must not be empty.");
        }
        checkSize("script", script, properties.scriptMaxBytes());
        UnicodeText.requireWellFormed("script", script);
        UnicodeText.requireNoNul("script", script, "Python cannot run source that holds one.");
        String stdin = submission.stdin() == null ? "" : submission.stdin();
        checkSize("stdin", stdin, properties.stdinMaxBytes());
        UnicodeText.requireWellFormed("stdin", stdin);
        return new ExecutionRequest(script, stdin, limits(submission.limits(), max));
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiProblem.badRequest("The request body is empty; send {\"script\": \"print(1)\"}.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiProblem.badRequest("The request body could not be read.");
        }
    }

    private static RequestedLimits requestedLimits(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiProblem.badRequest("'limits' must be an object.");
        }
        rejectUnknownFields(node, LIMIT_FIELDS, "limits.");
        return new RequestedLimits(wholeNumber(node, "timeout_seconds"), wholeNumber(node, "memory_mb"), wholeNumber(node, "cpu_millicores"));
    }

    private ExecutionLimits limits(RequestedLimits requested, ExecutionProperties.LimitSettings max) {
        ExecutionLimits defaults = properties.defaultLimits().toLimits().cappedAt(max.toLimits());
        if (requested == null) {
            return defaults;
        }
        return new ExecutionLimits(
                limit("timeout_seconds", requested.timeoutSeconds(), defaults.timeoutSeconds(), 1, max.timeoutSeconds()),
                limit("memory_mb", requested.memoryMb(), defaults.memoryMb(), MIN_MEMORY_MB, max.memoryMb()),
                limit("cpu_millicores", requested.cpuMillicores(), defaults.cpuMillicores(), MIN_CPU_MILLICORES, max.cpuMillicores()));
    }

    private static Integer wholeNumber(JsonNode limits, String field) {
        JsonNode value = limits.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiProblem.badRequest("'limits." + field + "' must be a whole number.");
        }
        return value.intValue();
    }

    private static int limit(String field, Integer requested, int defaultValue, int min, int max) {
        if (requested == null) {
            return defaultValue;
        }
        if (requested < min || requested > max) {
            throw ApiProblem.badRequest("'limits." + field + "' must be between " + min + " and " + max + "; got " + requested + ".");
        }
        return requested;
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiProblem.badRequest("'" + field + "' is required.");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw ApiProblem.badRequest("'" + field + "' must be a string.");
        }
        return value.textValue();
    }

    private static void checkSize(String field, String value, int maxBytes) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw ApiProblem.tooLarge("'" + field + "' is " + bytes + " bytes; the limit is " + maxBytes + " bytes.");
        }
    }

    private static void rejectUnknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiProblem.badRequest("Unknown field '" + prefix + name + "'; allowed: " + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
    }
}
