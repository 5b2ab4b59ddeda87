package io.integr8scode.batches;

import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionDocuments;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.HttpSubmission;
import io.integr8scode.security.Caller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Builds a batch's executions: each its own id, all marked with the batch id and their place in it. */
@Component("batches")
public class Batches {

    private final ExecutionDocuments documents;

    Batches(ExecutionDocuments documents) {
        this.documents = documents;
    }

    /**
     * The batch {@code batchId} of {@code submission}'s executions, owned like a single submission of the caller's.
     * {@code extras} has, per submission in order, fields other features keep on it (its callback); may be null.
     */
    public Batch newBatch(BatchSubmission submission, Caller caller, String batchId, List<Map<String, Object>> extras) {
        List<Execution> executions = new ArrayList<>();
        List<Document> inserted = new ArrayList<>();
        for (int index = 0; index < submission.size(); index++) {
            HttpSubmission item = submission.executions().get(index);
            Execution execution = documents.newExecution(item.request(), null, caller, null);
            Map<String, Object> fields = new HashMap<>();
            if (extras != null && extras.get(index) != null) {
                fields.putAll(extras.get(index));
            }
            fields.put(ExecutionMapper.BATCH_ID, batchId);
            fields.put(ExecutionMapper.BATCH_INDEX, index);
            executions.add(execution);
            inserted.add(documents.document(execution, fields));
        }
        return new Batch(batchId, List.copyOf(executions), List.copyOf(inserted));
    }
}
