package io.integr8scode.batches;

import io.integr8scode.execution.Execution;
import java.util.List;
import org.bson.Document;

/** A batch about to be stored: its id, its new executions in order and the documents they are inserted as. */
public record Batch(String id, List<Execution> executions, List<Document> documents) {

    public List<String> executionIds() {
        return executions.stream().map(Execution::id).toList();
    }
}
