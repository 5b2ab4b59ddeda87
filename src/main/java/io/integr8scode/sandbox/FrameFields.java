package io.integr8scode.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.sandbox.BootstrapProtocol.MalformedFrameException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Strict reading of one result frame's JSON: every field present with the right type, or it is malformed. */
final class FrameFields {

    private static final int PROTOCOL_VERSION = 1;

    private final JsonNode node;

    FrameFields(JsonNode node) {
        this.node = node;
    }

    static BootstrapReport toReport(JsonNode node) throws MalformedFrameException {
        FrameFields fields = new FrameFields(node);
        if (fields.required("v").asInt(-1) != PROTOCOL_VERSION || !node.get("v").isInt()) {
            throw new MalformedFrameException("unsupported result frame version " + node.get("v"));
        }
        if (node.has("bootstrap_error")) {
            return BootstrapReport.failedToStart(fields.text("bootstrap_error"));
        }
        Integer exitCode = fields.optionalInt("exit_code");
        Integer signal = fields.optionalInt("signal");
        if ((exitCode == null) == (signal == null)) {
            throw new MalformedFrameException("result frame needs exactly one of exit_code and signal");
        }
        return new BootstrapReport(exitCode, signal, fields.bool("timed_out"),
                fields.utf8("stdout_b64"), fields.utf8("stderr_b64"),
                fields.bool("stdout_truncated"), fields.bool("stderr_truncated"),
                fields.optionalLong("cpu_ms"), fields.optionalLong("max_rss_kb"),
                fields.requiredLong("duration_ms"), null, ArtifactFields.read(node));
    }

    JsonNode required(String name) throws MalformedFrameException {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new MalformedFrameException("result frame lacks " + name);
        }
        return value;
    }

    String text(String name) throws MalformedFrameException {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw new MalformedFrameException(name + " is not a string");
        }
        return value.asText();
    }

    private boolean bool(String name) throws MalformedFrameException {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw new MalformedFrameException(name + " is not a boolean");
        }
        return value.booleanValue();
    }

    private Integer optionalInt(String name) throws MalformedFrameException {
        JsonNode value = required(name);
        if (value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw new MalformedFrameException(name + " is not an integer");
        }
        return value.intValue();
    }

    private Long optionalLong(String name) throws MalformedFrameException {
        JsonNode value = required(name);
        return value.isNull() ? null : requiredLong(name);
    }

    long requiredLong(String name) throws MalformedFrameException {
        JsonNode value = required(name);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw new MalformedFrameException(name + " is not a non-negative integer");
        }
        return value.longValue();
    }

    /** Output bytes as text: invalid UTF-8 becomes U+FFFD rather than an error. */
    private String utf8(String name) throws MalformedFrameException {
        try {
            return new String(Base64.getDecoder().decode(text(name)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new MalformedFrameException(name + " is not base64");
        }
    }
}
