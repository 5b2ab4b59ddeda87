package io.integr8scode.scripts;

import io.integr8scode.execution.RequestedLimits;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** The stored shape of a {@link SavedScript}: field names and the mapping both ways, in one place. */
public final class SavedScriptMapper {

    public static final String COLLECTION = "scripts";

    public static final String ID = "_id";
    public static final String OWNER_ID = "owner_id";
    public static final String NAME = "name";
    public static final String SCRIPT = "script";
    public static final String STDIN = "stdin";
    public static final String LIMITS = "limits";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";

    private static final String TIMEOUT_SECONDS = "timeout_seconds";
    private static final String MEMORY_MB = "memory_mb";
    private static final String CPU_MILLICORES = "cpu_millicores";

    private SavedScriptMapper() {
    }

    public static SavedScript from(Document document) {
        Document limits = document.get(LIMITS, Document.class);
        return new SavedScript(
                document.getString(ID),
                document.getString(OWNER_ID),
                document.getString(NAME),
                document.getString(SCRIPT),
                document.getString(STDIN),
                limits == null ? null : new RequestedLimits(limits.getInteger(TIMEOUT_SECONDS), limits.getInteger(MEMORY_MB),
                        limits.getInteger(CPU_MILLICORES)),
                instant(document.getDate(CREATED_AT)),
                instant(document.getDate(UPDATED_AT)));
    }

    public static Document toDocument(SavedScript script) {
        return new Document(ID, script.id())
                .append(OWNER_ID, script.ownerId())
                .append(NAME, script.name())
                .append(SCRIPT, script.script())
                .append(STDIN, script.stdin())
                .append(LIMITS, limitsDocument(script.limits()))
                .append(CREATED_AT, date(script.createdAt()))
                .append(UPDATED_AT, date(script.updatedAt()));
    }

    /** The limits as asked for: only the fields given, or null for none. */
    static Document limitsDocument(RequestedLimits limits) {
        if (limits == null) {
            return null;
        }
        Document document = new Document();
        if (limits.timeoutSeconds() != null) {
            document.append(TIMEOUT_SECONDS, limits.timeoutSeconds());
        }
        if (limits.memoryMb() != null) {
            document.append(MEMORY_MB, limits.memoryMb());
        }
        if (limits.cpuMillicores() != null) {
            document.append(CPU_MILLICORES, limits.cpuMillicores());
        }
        return document;
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
