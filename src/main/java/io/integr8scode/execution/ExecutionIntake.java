package io.integr8scode.execution;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.JsonBody;
import io.integr8scode.security.Caller;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import org.springframework.stereotype.Component;

/** The intake steps the routes call: read a submission from HTTP or the queue, and check capacity. */
@Component("executionIntake")
public class ExecutionIntake {

    private final ExecutionRequestParser parser;
    private final ExecutionProperties properties;
    private final QueueNames queues;

    ExecutionIntake(ExecutionRequestParser parser, ExecutionProperties properties, QueueNames queues) {
        this.parser = parser;
        this.properties = properties;
        this.queues = queues;
    }

    /** Reads an HTTP submission; its limits are checked against the caller's ceiling (lower for anonymous use). */
    public ExecutionRequest fromHttp(byte[] body, String contentType, Caller caller) {
        return parser.parse(JsonBody.require(contentType, body), properties.maxLimitsFor(caller.isAnonymous()));
    }

    /** Reads a queue submission, checked against the signed-in users' ceiling. */
    public ExecutionRequest fromQueue(byte[] body) {
        return parser.parse(body, properties.maxLimits());
    }

    /**
     * Where a queue submitter's JMSReplyTo wants the result; null when it asked for none. The app sends replies with
     * every right on the broker, so a reply-to naming one of the platform's own addresses is refused.
     */
    public ReplyAddress replyAddress(Destination replyTo, String correlationId, String messageId) throws JMSException {
        ReplyAddress address = ReplyAddress.of(replyTo, correlationId, messageId);
        if (address != null && queues.isPlatformAddress(address.address())) {
            throw ApiProblem.badRequest("The reply-to may not name the platform's own address " + address.address() + ".");
        }
        return address;
    }

    public void checkCapacity(long queuedCount) {
        if (queuedCount >= properties.maxQueued()) {
            throw ApiProblem.queueFull(properties.maxQueued());
        }
    }
}
