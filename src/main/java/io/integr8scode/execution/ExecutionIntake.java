package io.integr8scode.execution;

import com.mongodb.MongoException;
import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.JsonBody;
import io.integr8scode.security.Caller;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The intake steps the routes call: read a submission from HTTP or the queue, and settle its outcome. */
@Component("executionIntake")
public class ExecutionIntake {

    private static final Logger log = LoggerFactory.getLogger(ExecutionIntake.class);

    private final ExecutionRequestParser parser;
    private final ExecutionProperties properties;
    private final QueueNames queues;

    ExecutionIntake(ExecutionRequestParser parser, ExecutionProperties properties, QueueNames queues) {
        this.parser = parser;
        this.properties = properties;
        this.queues = queues;
    }

    /** Reads an HTTP submission; its limits are checked against the caller's ceiling (lower for anonymous use). */
    public HttpSubmission fromHttp(byte[] body, String contentType, Caller caller) {
        return fromHttp(parser.readObject(JsonBody.require(contentType, body)), caller);
    }

    /** Reads one HTTP submission already parsed as JSON (an item of a batch). */
    public HttpSubmission fromHttp(JsonNode submission, Caller caller) {
        return parser.parseHttp(submission, properties.maxLimitsFor(caller.isAnonymous()));
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

    /**
     * The id the submitter's client gave a queue message, the same on every delivery. For AMQP that is the message's
     * own message-id, which Artemis keeps in {@code nativeMessageId} when it hands the message to the app's CORE
     * consumer: the JMSMessageID it shows there is drawn at random on every delivery. For CORE and STOMP it is the
     * JMSMessageID, which the broker stores with the message. Null when the message has neither.
     */
    public String clientMessageId(String nativeMessageId, String messageId) {
        if (nativeMessageId != null && !nativeMessageId.isBlank()) {
            return nativeMessageId;
        }
        return messageId == null || messageId.isBlank() ? null : messageId;
    }

    /**
     * The execution id of a queue submission, the same for every delivery and every resend of one logical message,
     * so a redelivery after a crash finds the execution an earlier delivery stored (docs/architecture.md, "Queue
     * submissions and their execution id"). A submission with a reply-to and a correlation id is keyed by both, as
     * its client knows it; any other by its client's message id. The content and the sender (a broker user mapped to a
     * platform user, or none) are part of the key either way, so two senders' messages never fold into one. A
     * message with neither gets a random id.
     */
    public String queuedExecutionId(ReplyAddress replyTo, String correlationId, String clientMessageId, String submission,
                                    Caller sender) {
        String key;
        if (replyTo != null && correlationId != null && !correlationId.isBlank()) {
            key = "reply-to " + replyTo.kind() + ":" + replyTo.name() + "\ncorrelation " + correlationId;
        } else if (clientMessageId != null) {
            key = "message " + clientMessageId;
        } else {
            return UUID.randomUUID().toString();
        }
        String from = sender == null ? "shared" : sender.clientKey();
        return UUID.nameUUIDFromBytes((key + "\nsender " + from + "\n" + submission).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * After intake's store-and-enqueue step: null when both worked; otherwise the execution has been withdrawn
     * and the caller is told 503 (store or queue unavailable), never that it was accepted.
     */
    public void checkEnqueued(Exception failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof ApiProblem problem) {
            throw problem;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException) {
                log.warn("A submission could not be stored: {}", cause.toString());
                throw ApiProblem.storeUnavailable();
            }
        }
        log.warn("A submission could not be put on the work queue", failure);
        throw ApiProblem.queueUnavailable();
    }
}
