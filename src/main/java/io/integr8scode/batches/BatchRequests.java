package io.integr8scode.batches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.JsonBody;
import io.integr8scode.execution.ExecutionIntake;
import io.integr8scode.execution.ExecutionRequestParser;
import io.integr8scode.execution.HttpSubmission;
import io.integr8scode.security.Caller;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads {@code POST /api/v1/executions/batch}: {@code {"executions": [submission, ...]}}, one to
 * {@code integr8scode.batches.max-size} submissions of the single endpoint's shape. Every one is checked before
 * anything is accepted; the first invalid one refuses the batch, its index in the detail.
 */
@Component("batchRequests")
public class BatchRequests {

    static final String EXECUTIONS = "executions";

    private final ExecutionRequestParser parser;
    private final ExecutionIntake intake;
    private final BatchProperties properties;

    BatchRequests(ExecutionRequestParser parser, ExecutionIntake intake, BatchProperties properties) {
        this.parser = parser;
        this.intake = intake;
        this.properties = properties;
    }

    public BatchSubmission read(byte[] body, String contentType, Caller caller) {
        ObjectNode root = parser.readObject(JsonBody.require(contentType, body), properties.maxSize());
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(EXECUTIONS)) {
                throw ApiProblem.badRequest("Unknown field '" + name + "'; allowed: " + EXECUTIONS + ".");
            }
        }
        JsonNode items = root.get(EXECUTIONS);
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiProblem.badRequest("'" + EXECUTIONS + "' must be an array of 1 to " + properties.maxSize() + " submissions.");
        }
        if (items.size() > properties.maxSize()) {
            throw ApiProblem.badRequest("A batch holds at most " + properties.maxSize() + " submissions; this one has "
                    + items.size() + ".");
        }
        List<HttpSubmission> submissions = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            submissions.add(item(items.get(index), index, caller));
        }
        return new BatchSubmission(submissions);
    }

    private HttpSubmission item(JsonNode item, int index, Caller caller) {
        try {
            return intake.fromHttp(item, caller);
        } catch (ApiProblem problem) {
            throw new ApiProblem(problem.status(), problem.title(), EXECUTIONS + "[" + index + "]: " + problem.getMessage());
        }
    }
}
