package io.integr8scode.execution;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The intake steps the routes call: read a submission from HTTP or the queue, and check capacity. */
@Component("executionIntake")
public class ExecutionIntake {

    private final ExecutionRequestParser parser;
    private final ExecutionProperties properties;

    ExecutionIntake(ExecutionRequestParser parser, ExecutionProperties properties) {
        this.parser = parser;
        this.properties = properties;
    }

    public ExecutionRequest fromHttp(Exchange exchange) {
        Message message = exchange.getMessage();
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw ApiProblem.unsupportedMediaType(contentType);
        }
        return parser.parse(message.getBody(byte[].class));
    }

    /** Reads a queue submission and remembers where its JMSReplyTo wants the result. */
    public ExecutionRequest fromQueue(Exchange exchange) throws JMSException {
        Message message = exchange.getMessage();
        exchange.setProperty("replyTo", ReplyAddress.of(
                message.getHeader("JMSReplyTo", Destination.class),
                message.getHeader("JMSCorrelationID", String.class),
                message.getHeader("JMSMessageID", String.class)));
        return parser.parse(message.getBody(byte[].class));
    }

    public void checkCapacity(long queuedCount) {
        if (queuedCount >= properties.maxQueued()) {
            throw ApiProblem.queueFull(properties.maxQueued());
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
