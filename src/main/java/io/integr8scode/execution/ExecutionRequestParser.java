package io.integr8scode.execution;

import io.integr8scode.api.ApiProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final Set<String> LIMIT_FIELDS = Set.of("timeout_seconds", "memory_mb", "cpu_millicores");
    /** Room for JSON syntax and escaping around the script and stdin before a body counts as too large. */
    private static final int ENVELOPE_BYTES = 16 * 1024;
    private static final int MIN_MEMORY_MB = 16;
    private static final int MIN_CPU_MILLICORES = 10;

    private final ObjectMapper json;
    private final ExecutionProperties properties;

    ExecutionRequestParser(ObjectMapper json, ExecutionProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    /** Parses a submission checked against the signed-in users' ceiling (queue submitters have it too). */
    public ExecutionRequest parse(byte[] body) {
        return parse(body, properties.maxLimits());
    }

    public ExecutionRequest parse(byte[] body, ExecutionProperties.LimitSettings max) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("The request body is empty; send {\"script\": \"print(1)\"}.");
        }
        // Escaping can at most sextuple a payload; refuse before parsing what can never fit.
        long ceiling = 6L * (properties.scriptMaxBytes() + properties.stdinMaxBytes()) + ENVELOPE_BYTES;
        if (body.length > ceiling) {
            throw ApiProblem.tooLarge("The request body is " + body.length + " bytes; that is more than a script and stdin within their caps can take.");
        }
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        rejectUnknownFields(root, FIELDS, "");
        String script = text(root, "script", true);
        if (script.isBlank()) {
            throw ApiProblem.badRequest("'script' must not be empty.");
        }
        checkSize("script", script, properties.scriptMaxBytes());
        String stdin = text(root, "stdin", false);
        checkSize("stdin", stdin, properties.stdinMaxBytes());
        return new ExecutionRequest(script, stdin, limits(root.get("limits"), max));
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

    private ExecutionLimits limits(JsonNode node, ExecutionProperties.LimitSettings max) {
        ExecutionLimits defaults = properties.defaultLimits().toLimits().cappedAt(max);
        if (node == null || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw ApiProblem.badRequest("'limits' must be an object.");
        }
        rejectUnknownFields(node, LIMIT_FIELDS, "limits.");
        return new ExecutionLimits(
                limit(node, "timeout_seconds", defaults.timeoutSeconds(), 1, max.timeoutSeconds()),
                limit(node, "memory_mb", defaults.memoryMb(), MIN_MEMORY_MB, max.memoryMb()),
                limit(node, "cpu_millicores", defaults.cpuMillicores(), MIN_CPU_MILLICORES, max.cpuMillicores()));
    }

    private static int limit(JsonNode limits, String field, int defaultValue, int min, int max) {
        JsonNode value = limits.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiProblem.badRequest("'limits." + field + "' must be a whole number.");
        }
        int number = value.intValue();
        if (number < min || number > max) {
            throw ApiProblem.badRequest("'limits." + field + "' must be between " + min + " and " + max + "; got " + number + ".");
        }
        return number;
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
