package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.ProblemDetails;
import org.springframework.stereotype.Component;

/** Bodies sent to a queue submitter's JMSReplyTo: the final execution, or the problem with its message. */
@Component("queueReplies")
public class QueueReplies {

    private final ObjectMapper json;
    private final ExecutionViews views;

    QueueReplies(ObjectMapper json, ExecutionViews views) {
        this.json = json;
        this.views = views;
    }

    /** The finished execution's full view as JSON. */
    public String finalDocument(Execution execution) throws JsonProcessingException {
        return json.writeValueAsString(views.full(execution));
    }

    /**
     * Why a submission was refused, for the log and the dead letter: the detail the submitter is told when it sent
     * something wrong, else the failure's own message (for operators; the submitter's reply leaves it out).
     */
    public String rejectionReason(Exception failure) {
        ApiProblem problem = ProblemDetails.from(failure);
        return problem.status() < 500 ? problem.getMessage() : failure.getMessage();
    }

    /** The refusal (or unexpected failure, without internals) as problem+json. */
    public String rejection(Exception failure) throws JsonProcessingException {
        return json.writeValueAsString(ProblemDetails.of(ProblemDetails.from(failure), null));
    }
}
