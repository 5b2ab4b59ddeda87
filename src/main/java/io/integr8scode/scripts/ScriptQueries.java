package io.integr8scode.scripts;

import static io.integr8scode.scripts.SavedScriptMapper.ID;
import static io.integr8scode.scripts.SavedScriptMapper.LIMITS;
import static io.integr8scode.scripts.SavedScriptMapper.NAME;
import static io.integr8scode.scripts.SavedScriptMapper.OWNER_ID;
import static io.integr8scode.scripts.SavedScriptMapper.SCRIPT;
import static io.integr8scode.scripts.SavedScriptMapper.STDIN;
import static io.integr8scode.scripts.SavedScriptMapper.UPDATED_AT;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.integr8scode.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The new scripts, filters and updates the routes send to the {@code scripts} collection. Every filter includes
 * the owner, so another user's script is never found: it answers 404 like one that does not exist.
 */
@Component("scriptQueries")
public class ScriptQueries {

    private final Clock clock;

    ScriptQueries(Clock clock) {
        this.clock = clock;
    }

    public SavedScript newScript(ScriptRequests.ScriptFields fields, Caller caller) {
        Instant now = clock.instant();
        return new SavedScript(UUID.randomUUID().toString(), caller.userId(), fields.name(), fields.content().script(),
                fields.content().stdin(), fields.content().limits(), now, now);
    }

    /** [filter, update] replacing the caller's script. */
    public List<Bson> replacement(String scriptId, ScriptRequests.ScriptFields fields, Caller caller) {
        return List.of(owned(scriptId, caller), Updates.combine(
                Updates.set(NAME, fields.name()),
                Updates.set(SCRIPT, fields.content().script()),
                Updates.set(STDIN, fields.content().stdin()),
                Updates.set(LIMITS, SavedScriptMapper.limitsDocument(fields.content().limits())),
                Updates.set(UPDATED_AT, Date.from(clock.instant()))));
    }

    public Bson owned(String scriptId, Caller caller) {
        return Filters.and(Filters.eq(ID, scriptId), Filters.eq(OWNER_ID, caller.userId()));
    }

    /** The caller's scripts (sorted with {@link #byName}). */
    public Bson ownedBy(Caller caller) {
        return Filters.eq(OWNER_ID, caller.userId());
    }

    /** camel-mongodb takes the sort as a Document. */
    public Document byName() {
        return new Document(NAME, 1);
    }
}
