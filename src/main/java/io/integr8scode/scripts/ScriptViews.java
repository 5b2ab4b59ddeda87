package io.integr8scode.scripts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8scode.execution.RequestedLimits;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The API's JSON shapes of saved scripts (records Jackson writes in snake_case). */
@Component("scriptViews")
public class ScriptViews {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record View(String scriptId, String name, String script, String stdin, RequestedLimits limits,
                       String createdAt, String updatedAt) {
    }

    public record Listing(List<View> items) {
    }

    public View one(SavedScript script) {
        return new View(script.id(), script.name(), script.script(), script.stdin(), script.limits(),
                iso(script.createdAt()), iso(script.updatedAt()));
    }

    /** The caller's scripts, straight from the store. */
    public Listing list(List<Document> scripts) {
        return new Listing(scripts.stream().map(SavedScriptMapper::from).map(this::one).toList());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
