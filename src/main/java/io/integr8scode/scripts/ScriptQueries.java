package io.integr8scode.scripts;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.integr8scode.security.Caller;
import io.integr8scode.security.Callers;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.mongodb.MongoDbConstants;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The MongoDB documents, filters and updates of saved scripts. Every filter includes the owner, so another
 * user's script is never found: it answers 404 like one that does not exist.
 */
@Component("scriptQueries")
public class ScriptQueries {

    static final String COLLECTION = "scripts";

    private final ScriptRequests requests;
    private final Clock clock;

    ScriptQueries(ScriptRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    /** A new script from the request body {name, script, stdin?, limits?}. */
    public Document newScript(Exchange exchange) {
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        Date now = Date.from(clock.instant());
        String id = UUID.randomUUID().toString();
        return requests.fields(exchange, caller)
                .append("_id", id)
                .append("script_id", id)
                .append("owner_id", caller.userId())
                .append("created_at", now)
                .append("updated_at", now);
    }

    /** [filter, update] replacing the caller's script with the request body. */
    public List<Bson> replacement(Exchange exchange, @Header("scriptId") String scriptId) {
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        Document fields = requests.fields(exchange, caller);
        return List.of(owned(scriptId, caller), Updates.combine(
                Updates.set("name", fields.getString("name")),
                Updates.set("script", fields.getString("script")),
                Updates.set("stdin", fields.getString("stdin")),
                Updates.set("limits", fields.get("limits")),
                Updates.set("updated_at", Date.from(clock.instant()))));
    }

    public Bson owned(@Header("scriptId") String scriptId, @ExchangeProperty(Callers.PROPERTY) Caller caller) {
        return Filters.and(Filters.eq("_id", scriptId), Filters.eq("owner_id", caller.userId()));
    }

    /** The caller's scripts, by name. */
    public Bson ownedBy(Exchange exchange) {
        exchange.getMessage().setHeader(MongoDbConstants.SORT_BY, new Document("name", 1));
        return Filters.eq("owner_id", exchange.getProperty(Callers.PROPERTY, Caller.class).userId());
    }
}
