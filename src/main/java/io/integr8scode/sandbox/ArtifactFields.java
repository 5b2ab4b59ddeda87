package io.integr8scode.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.sandbox.BootstrapProtocol.MalformedFrameException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Strict reading of a result frame's {@code artifacts} and {@code refused_artifacts}: arrays of objects with every
 * field typed as {@link BootstrapProtocol} says, names as {@link Artifacts#allowedName} allows, each size equal to its
 * data's. A frame without them (an older bootstrap) has none.
 */
final class ArtifactFields {

    private ArtifactFields() {
    }

    static Artifacts read(JsonNode frame) throws MalformedFrameException {
        List<Artifacts.File> files = new ArrayList<>();
        for (JsonNode entry : array(frame, "artifacts")) {
            FrameFields fields = new FrameFields(entry);
            String name = fields.text("name");
            if (!Artifacts.allowedName(name)) {
                throw new MalformedFrameException("artifact name not allowed");
            }
            byte[] data;
            try {
                data = Base64.getDecoder().decode(fields.text("data_b64"));
            } catch (IllegalArgumentException notBase64) {
                throw new MalformedFrameException("artifact data is not base64");
            }
            if (fields.requiredLong("size") != data.length) {
                throw new MalformedFrameException("artifact size does not match its data");
            }
            files.add(new Artifacts.File(name, fields.text("media_type"), data));
        }
        List<Artifacts.Refusal> refused = new ArrayList<>();
        for (JsonNode entry : array(frame, "refused_artifacts")) {
            FrameFields fields = new FrameFields(entry);
            refused.add(new Artifacts.Refusal(fields.text("name"), fields.text("reason")));
        }
        return new Artifacts(files, refused);
    }

    private static Iterable<JsonNode> array(JsonNode frame, String name) throws MalformedFrameException {
        JsonNode value = frame.get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new MalformedFrameException(name + " is not an array");
        }
        for (JsonNode entry : value) {
            if (!entry.isObject()) {
                throw new MalformedFrameException(name + " holds something other than objects");
            }
        }
        return value;
    }
}
