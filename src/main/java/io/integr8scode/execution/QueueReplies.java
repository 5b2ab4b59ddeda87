package io.integr8scode.execution;

import io.integr8scode.api.ProblemDetails;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.bson.Document;
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

    /** Body: the stored execution document. Sets the reply address from what the submitter asked for. */
    public String finalDocument(Exchange exchange) throws JsonProcessingException, InvalidPayloadException {
        Document execution = exchange.getMessage().getMandatoryBody(Document.class);
        exchange.setProperty("replyTo", ReplyAddress.from(execution.get("reply_to", Document.class)));
        return json.writeValueAsString(views.full(execution));
    }

    public String rejection(Exchange exchange) throws JsonProcessingException {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return json.writeValueAsString(ProblemDetails.of(ProblemDetails.from(failure), null));
    }
}
