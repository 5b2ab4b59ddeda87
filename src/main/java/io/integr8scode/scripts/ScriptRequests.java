package io.integr8scode.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.execution.ExecutionIntake;
import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.execution.ExecutionRequest;
import io.integr8scode.execution.ExecutionRequestParser;
import io.integr8scode.security.Caller;
import io.integr8scode.security.Callers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Reads and checks a script the user saves, {name, script, stdin?, limits?}: the name here, the rest with the
 * same checks as a submission, so a saved script can always be run.
 */
@Component("scriptRequests")
public class ScriptRequests {

    private static final int MAX_NAME_LENGTH = 100;

    private final ObjectMapper json;
    private final ExecutionRequestParser parser;
    private final ExecutionProperties executions;

    ScriptRequests(ObjectMapper json, ExecutionRequestParser parser, ExecutionProperties executions) {
        this.json = json;
        this.parser = parser;
        this.executions = executions;
    }

    /** What a saved script runs as, its limits checked against the caller's ceiling as of now. */
    public ExecutionRequest toRequest(Exchange exchange) {
        Document script = ScriptProblems.found(exchange);
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        ObjectNode submission = json.createObjectNode().put("script", script.getString("script")).put("stdin", script.getString("stdin"));
        Document limits = script.get("limits", Document.class);
        if (limits != null) {
            submission.set("limits", readTree(limits.toJson().getBytes(StandardCharsets.UTF_8)));
        }
        return parser.parse(submission.toString().getBytes(StandardCharsets.UTF_8),
                executions.maxLimitsFor(caller.isAnonymous()));
    }

    Document fields(Exchange exchange, Caller caller) {
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
}
