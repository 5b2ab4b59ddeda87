package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.security.Caller;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What routes/cancel.yaml decides: the answers to a cancel request, its refusals, and the queue's cancel message
 * ({@code {"action": "cancel", "execution_id": "..."}} on the submit queue). Who may cancel is who may read
 * ({@link ExecutionFilters}): the route finds the execution as the caller sees it before it changes anything.
 */
@Component("executionCancels")
public class ExecutionCancels {

    static final String ACTION = "action";
    static final String CANCEL = "cancel";
    static final String EXECUTION_ID = "execution_id";
    /** Anonymous queue submitters (the shared account, an open broker) read and cancel as anonymous HTTP callers do. */
    private static final Caller ANONYMOUS_QUEUE_CALLER = new Caller(null, null, List.of(), "queue");

    private final ObjectMapper json;

    ExecutionCancels(ObjectMapper json) {
        this.json = json;
    }

    /** The answer when the execution was queued: cancelled for good, it never runs. */
    public ExecutionViews.Accepted cancelled(String executionId) {
        return new ExecutionViews.Accepted(executionId, ExecutionStatus.CANCELLED.value());
    }

    /** The answer when the execution was running: its stop is under way, and its status becomes cancelled. */
    public ExecutionViews.Accepted stopping(String executionId) {
        return new ExecutionViews.Accepted(executionId, ExecutionStatus.RUNNING.value());
    }

    /**
     * Neither queued nor running any more (it finished, or was cancelled before): a 409. Null (gone since it was
     * found, e.g. by retention) is a 404, as for a read.
     */
    public ExecutionViews.Accepted refuse(Execution current, String executionId) {
        if (current == null) {
            throw ExecutionViews.notFound(executionId);
        }
        throw new ApiProblem(409, "Execution already finished",
                "Execution '" + executionId + "' is " + current.status().value() + "; only a queued or running execution can be cancelled.");
    }

    /** True for a message on the submit queue that asks for a cancel rather than submitting a script. */
    public boolean isCancelMessage(String message) {
        try {
            JsonNode node = json.readTree(message);
            return node != null && node.isObject() && node.has(ACTION);
        } catch (Exception notJson) {
            return false;
        }
    }

    /** The execution id of a queue cancel message; a 400 (an error reply) when the message is not one. */
    public String executionIdOf(String message) {
        JsonNode node;
        try {
            node = json.readTree(message);
        } catch (Exception notJson) {
            throw ApiProblem.badRequest("The message is not JSON.");
        }
        if (!CANCEL.equals(node.path(ACTION).asText(null))) {
            throw ApiProblem.badRequest("\"action\" must be \"cancel\".");
        }
        JsonNode id = node.get(EXECUTION_ID);
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ApiProblem.badRequest("A cancel message needs \"execution_id\": the id of the execution to cancel.");
        }
        if (node.size() != 2) {
            throw ApiProblem.badRequest("A cancel message has only \"action\" and \"execution_id\".");
        }
        return id.asText();
    }

    /** Who a queue cancel comes from: the platform user the broker validated, else anonymous. */
    public Caller queueCaller(Caller validated) {
        return validated != null ? validated : ANONYMOUS_QUEUE_CALLER;
    }

    /** The reply to a queue cancel message. */
    public String reply(ExecutionViews.Accepted answer) throws JsonProcessingException {
        return json.writeValueAsString(answer);
    }
}
