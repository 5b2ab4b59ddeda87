package io.integr8scode.batches;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionViews;
import java.util.List;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** The JSON shapes of a batch: what its submission answers, and the batch read back. */
@Component("batchViews")
public class BatchViews {

    private final ExecutionViews executionViews;

    BatchViews(ExecutionViews executionViews) {
        this.executionViews = executionViews;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Accepted(String batchId, List<ExecutionViews.Accepted> executions) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Found(String batchId, List<ExecutionViews.Full> executions) {
    }

    /** The order a batch is read in: as submitted. */
    public Bson inOrder() {
        return Sorts.ascending(ExecutionMapper.BATCH_INDEX);
    }

    public Accepted accepted(Batch batch) {
        return accepted(batch.id(), batch.executions());
    }

    /** A retried submission's answer (an Idempotency-Key): the first one's answer again. */
    public Accepted replayed(String batchId, List<Document> executions) {
        return accepted(batchId, required(batchId, executions).stream().map(ExecutionMapper::from).toList());
    }

    /** The batch's executions the caller may see, in the order submitted; none is a 404. */
    public Found found(String batchId, List<Document> executions) {
        return new Found(batchId, required(batchId, executions).stream().map(ExecutionMapper::from).map(executionViews::full).toList());
    }

    private Accepted accepted(String batchId, List<Execution> executions) {
        return new Accepted(batchId, executions.stream().map(executionViews::accepted).toList());
    }

    private static List<Document> required(String batchId, List<Document> executions) {
        if (executions == null || executions.isEmpty()) {
            throw ApiProblem.notFound("Batch not found", "No batch has the id '" + batchId + "'.");
        }
        return executions;
    }
}
