package io.integr8scode.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The API's JSON shapes of an execution's artifacts (snake_case). */
final class ArtifactViews {

    private ArtifactViews() {
    }

    /** {@code GET /api/v1/executions/{id}/artifacts}: the files, in name order, and the refused entries. */
    public record Listing(List<Item> items, List<Refused> refused) {
    }

    /** One stored file; its bytes are at {@code GET /api/v1/executions/{id}/artifacts/{name}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String name, String mediaType, long size) {
    }

    /** An entry of the output folder that was not collected, and why. */
    public record Refused(String name, String reason) {
    }
}
