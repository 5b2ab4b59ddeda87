package io.integr8scode.batches;

import io.integr8scode.execution.HttpSubmission;
import java.util.List;

/** A checked batch: every submission valid, in the order given. */
public record BatchSubmission(List<HttpSubmission> executions) {

    public int size() {
        return executions.size();
    }
}
