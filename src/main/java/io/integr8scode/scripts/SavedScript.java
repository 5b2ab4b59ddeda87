package io.integr8scode.scripts;

import io.integr8scode.execution.RequestedLimits;
import java.time.Instant;

/** A user's named script as stored in the {@code scripts} collection ({@link SavedScriptMapper} maps it). Limits as asked for, or null. */
public record SavedScript(String id, String ownerId, String name, String script, String stdin, RequestedLimits limits,
                          Instant createdAt, Instant updatedAt) {
}
