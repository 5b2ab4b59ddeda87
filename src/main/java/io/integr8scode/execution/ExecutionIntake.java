package io.integr8scode.execution;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.security.Caller;
import io.integr8scode.security.Callers;
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

    /** Reads an HTTP submission; its limits are checked against the caller's ceiling (lower for anonymous use). */
    public ExecutionRequest fromHttp(Exchange exchange) {
        Caller caller = exchange.getProperty(Callers.PROPERTY, Caller.class);
        return parser.parse(jsonBody(exchange), properties.maxLimitsFor(caller.isAnonymous()));
    }

    /** The body of an HTTP request that must be JSON; anything else is a 415. */
    public static byte[] jsonBody(Exchange exchange) {
        Message message = exchange.getMessage();
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw ApiProblem.unsupportedMediaType(contentType);
        }
        return message.getBody(byte[].class);
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
