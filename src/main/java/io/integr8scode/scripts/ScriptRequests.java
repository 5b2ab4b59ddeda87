package io.integr8scode.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.JsonBody;
import io.integr8scode.api.UnicodeText;
import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.execution.ExecutionRequest;
import io.integr8scode.execution.ExecutionRequestParser;
import io.integr8scode.execution.Submission;
import io.integr8scode.security.Caller;
import org.springframework.stereotype.Component;

/**
 * Reads and checks a script the user saves, {name, script, stdin?, limits?}: the name here, the rest with the
 * same checks as a submission, so a saved script can always be run.
 */
@Component("scriptRequests")
public class ScriptRequests {

    private static final int MAX_NAME_LENGTH = 100;

    private final ExecutionRequestParser parser;
    private final ExecutionProperties executions;

    ScriptRequests(ExecutionRequestParser parser, ExecutionProperties executions) {
        this.parser = parser;
        this.executions = executions;
    }

    /** A script to save, as named and checked, from the HTTP request body. */
    public ScriptFields read(byte[] body, String contentType, Caller caller) {
        ObjectNode root = parser.readObject(JsonBody.require(contentType, body));
        JsonNode name = root.remove("name");
        if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > MAX_NAME_LENGTH) {
            throw ApiProblem.badRequest("'name' is required: a string of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        UnicodeText.requireWellFormed("name", name.asText());
        Submission submission = parser.read(root);
        // The same checks as a submission, so a saved script can always be run; the limits are kept as asked for.
        ExecutionRequest checked = parser.validate(submission, executions.maxLimitsFor(caller.isAnonymous()));
        return new ScriptFields(name.asText().strip(), new Submission(checked.script(), checked.stdin(), submission.limits()));
    }

    /** What a saved script runs as, its limits checked against the caller's ceiling as of now. */
    public ExecutionRequest toRequest(SavedScript script, Caller caller) {
        return parser.validate(new Submission(script.script(), script.stdin(), script.limits()),
                executions.maxLimitsFor(caller.isAnonymous()));
    }

    /** A script's name and content as the user saves them. */
    public record ScriptFields(String name, Submission content) {
    }
}
