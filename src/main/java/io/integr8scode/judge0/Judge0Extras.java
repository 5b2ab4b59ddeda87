package io.integr8scode.judge0;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.integr8scode.execution.ExecutionMapper;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * What only a Judge0 submission has (its language id and expected output), kept on its execution's document
 * under {@code judge0}: retention deletes it with the execution, and the rest of the platform never reads it.
 */
@Component("judge0Extras")
public class Judge0Extras {

    static final String FIELD = "judge0";
    static final String LANGUAGE_ID = "language_id";
    static final String EXPECTED_OUTPUT = "expected_output";

    /** The Judge0 fields of one submission; the defaults when an execution has none. */
    record Extras(int languageId, String expectedOutput) {
        static final Extras NONE = new Extras(Judge0Catalog.PYTHON_3, null);
    }

    /** [filter, update] adding the submission's Judge0 fields to its stored execution. */
    public List<Bson> store(String executionId, Judge0Submission submission) {
        Document extras = new Document(LANGUAGE_ID, submission.languageId());
        if (submission.expectedOutput() != null) {
            extras.append(EXPECTED_OUTPUT, submission.expectedOutput());
        }
        return List.of(Filters.eq(ExecutionMapper.ID, executionId), Updates.set(FIELD, extras));
    }

    public Bson byId(String executionId) {
        return Filters.eq(ExecutionMapper.ID, executionId);
    }

    public Bson projection() {
        return Projections.include(FIELD);
    }

    /** The extras from a document read with {@link #projection()}; none for an execution submitted otherwise. */
    static Extras from(Document document) {
        Document extras = document == null ? null : document.get(FIELD, Document.class);
        if (extras == null) {
            return Extras.NONE;
        }
        return new Extras(extras.getInteger(LANGUAGE_ID, Judge0Catalog.PYTHON_3), extras.getString(EXPECTED_OUTPUT));
    }
}
