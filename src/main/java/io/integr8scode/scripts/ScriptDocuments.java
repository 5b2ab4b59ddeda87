package io.integr8scode.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.integr8scode.execution.ApiProblem;
import io.integr8scode.execution.ExecutionIntake;
import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.execution.ExecutionRequest;
import io.integr8scode.execution.ExecutionRequestParser;
import io.integr8scode.security.Caller;
import io.integr8scode.security.Callers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The MongoDB documents and filters of saved scripts. Every filter includes the owner, so another user's
 * script is never found: it answers 404 like one that does not exist.
 */
@Component("scriptDocuments")
public class ScriptDocuments {

    static final String COLLECTION = "scripts";
    private static final int MAX_NAME_LENGTH = 100;

    private final ObjectMapper json;
    private final ExecutionRequestParser parser;
    private final ExecutionProperties executions;
    private final Clock clock;

    ScriptDocuments(ObjectMapper json, ExecutionRequestParser parser, ExecutionProperties executions, Clock clock) {
        this.json = json;
        this.parser = parser;
        this.executions = executions;
        this.clock = clock;
    }

    /** A new script from the request body {name, script, stdin?, limits?}. */
    public Document newScript(Exchange exchange) {
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        Date now = Date.from(clock.instant());
        String id = UUID.randomUUID().toString();
        return fields(exchange, caller)
                .append("_id", id)
                .append("script_id", id)
                .append("owner_id", caller.userId())
                .append("created_at", now)
                .append("updated_at", now);
    }

    /** [filter, update] replacing the caller's script with the request body. */
    public List<Bson> replacement(Exchange exchange, @Header("scriptId") String scriptId) {
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        Document fields = fields(exchange, caller);
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

    /** What a saved script runs as, its limits checked against the caller's ceiling as of now. */
    public ExecutionRequest toRequest(Exchange exchange) {
        Document script = found(exchange);
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        ObjectNode submission = json.createObjectNode().put("script", script.getString("script")).put("stdin", script.getString("stdin"));
        Document limits = script.get("limits", Document.class);
        if (limits != null) {
            submission.set("limits", readTree(limits.toJson().getBytes(StandardCharsets.UTF_8)));
        }
        return parser.parse(submission.toString().getBytes(StandardCharsets.UTF_8),
                executions.maxLimitsFor(caller.isAnonymous()));
    }

    public static Document found(Exchange exchange) {
        Document script = exchange.getMessage().getBody(Document.class);
        if (script == null) {
            throw notFound(exchange.getMessage().getHeader("scriptId", String.class));
        }
        return script;
    }

    /** Route step after an update or delete: nothing matched means no such script of the caller's. */
    public void requireMatch(Exchange exchange) {
        Long matched = exchange.getMessage().getHeader(MongoDbConstants.RECORDS_MATCHED, Long.class);
        Long deleted = exchange.getMessage().getHeader(MongoDbConstants.RECORDS_AFFECTED, Long.class);
        if ((matched != null ? matched : deleted == null ? 0 : deleted) == 0) {
            throw notFound(exchange.getMessage().getHeader("scriptId", String.class));
        }
    }

    /** Route step when the unique (owner, name) index refused a write. */
    public void nameTaken() {
        throw ApiProblem.badRequest("You already have a script with this name; choose another name.");
    }

    private Document fields(Exchange exchange, Caller caller) {
        JsonNode body = readTree(ExecutionIntake.jsonBody(exchange));
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("The request body must be a JSON object.");
        }
        JsonNode name = ((ObjectNode) body).remove("name");
        if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > MAX_NAME_LENGTH) {
            throw ApiProblem.badRequest("'name' is required: a string of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        // The same checks as a submission, so a saved script can always be run.
        ExecutionRequest request = parser.parse(body.toString().getBytes(StandardCharsets.UTF_8),
                executions.maxLimitsFor(caller.isAnonymous()));
        JsonNode limits = body.get("limits");
        return new Document("name", name.asText().strip())
                .append("script", request.script())
                .append("stdin", request.stdin())
                .append("limits", limits == null || limits.isNull() ? null : Document.parse(limits.toString()));
    }

    private JsonNode readTree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw ApiProblem.badRequest("The request body is not valid JSON.");
        }
    }

    private static ApiProblem notFound(String scriptId) {
        return new ApiProblem(404, "Script not found", "You have no saved script with the id '" + scriptId + "'.");
    }
}
