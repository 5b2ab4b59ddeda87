package io.integr8scode.execution;

import io.integr8scode.api.ApiProblem;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.bson.Document;

/**
 * Where a queue submitter wants the final execution document: its JMSReplyTo as a Camel JMS endpoint
 * kind ({@code queue} or {@code topic}) and name, plus the correlation id to send back.
 */
public record ReplyAddress(String kind, String name, String correlationId) {

    static final String QUEUE = "queue";
    static final String TOPIC = "topic";

    /**
     * Prefixes a reply-to name may carry to say what it is: Artemis's qualified names ({@code queue://}, as
     * AMQP and CORE JMS clients send them) and the STOMP convention ({@code /queue/}, the embedded broker's
     * anycast and multicast prefixes). Temporary destinations are replied to like any other of their kind.
     */
    private static final Map<String, String> KIND_PREFIXES = Map.of(
            "queue://", QUEUE, "temp-queue://", QUEUE, "/queue/", QUEUE, "/temp-queue/", QUEUE,
            "topic://", TOPIC, "temp-topic://", TOPIC, "/topic/", TOPIC, "/temp-topic/", TOPIC);

    /**
     * The reply address of a submission's JMSReplyTo, or null when it gave none. A typed JMS destination keeps its
     * kind; a destination known only by its name (STOMP's {@code reply-to} header arrives as one) is a queue unless a
     * prefix says otherwise. The correlation id is the JMS convention: the request's own, else its message id.
     */
    public static ReplyAddress of(Destination destination, String correlationId, String messageId) throws JMSException {
        if (destination == null) {
            return null;
        }
        String correlation = correlationId != null ? correlationId : messageId;
        if (destination instanceof Topic topic) {
            return named(TOPIC, topic.getTopicName(), correlation);
        }
        if (destination instanceof Queue queue) {
            return named(QUEUE, queue.getQueueName(), correlation);
        }
        if (destination instanceof ActiveMQDestination untyped) {
            return named(QUEUE, untyped.getAddress(), correlation);
        }
        throw ApiProblem.badRequest("The reply-to " + destination + " is not a destination of this broker.");
    }

    /** A reply address from a name, a kind prefix winning over {@code kind}. */
    static ReplyAddress named(String kind, String name, String correlationId) {
        String unprefixed = name == null ? "" : name;
        for (Map.Entry<String, String> prefix : KIND_PREFIXES.entrySet()) {
            if (unprefixed.startsWith(prefix.getKey())) {
                kind = prefix.getValue();
                unprefixed = unprefixed.substring(prefix.getKey().length());
                break;
            }
        }
        if (unprefixed.isBlank()) {
            throw ApiProblem.badRequest("The reply-to names no destination: '" + name + "'.");
        }
        return new ReplyAddress(kind, unprefixed, correlationId);
    }

    public static ReplyAddress from(Document document) {
        if (document == null) {
            return null;
        }
        return new ReplyAddress(document.getString("kind"), document.getString("name"), document.getString("correlation_id"));
    }

    Document toDocument() {
        return new Document("kind", kind).append("name", name).append("correlation_id", correlationId);
    }

    /** The address on the broker: the name without the queue of a fully qualified {@code address::queue}. */
    String address() {
        int queueSeparator = name.indexOf("::");
        return queueSeparator < 0 ? name : name.substring(0, queueSeparator);
    }

    /**
     * The reply's destination, for Camel's JMS producer to send to from the {@code CamelJmsDestination} header. A
     * header rather than an endpoint URI, so a name can never add endpoint options and no reply-to gets an endpoint.
     */
    public Destination destination() {
        return TOPIC.equals(kind) ? ActiveMQDestination.createTopic(name) : ActiveMQDestination.createQueue(name);
    }
}
