package io.integr8scode.execution;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.bson.Document;

/**
 * Where a queue submitter wants the final execution document: its JMSReplyTo as a Camel JMS endpoint
 * kind ({@code queue} or {@code topic}) and name, plus the correlation id to send back.
 */
public record ReplyAddress(String kind, String name, String correlationId) {

    public static ReplyAddress of(Destination destination, String correlationId, String messageId) throws JMSException {
        if (destination == null) {
            return null;
        }
        // JMS convention: echo the correlation id, or the request's message id when it had none.
        String correlation = correlationId != null ? correlationId : messageId;
        if (destination instanceof Topic topic) {
            return new ReplyAddress("topic", topic.getTopicName(), correlation);
        }
        return new ReplyAddress("queue", ((Queue) destination).getQueueName(), correlation);
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

    /** The Camel endpoint the reply goes to, sent InOnly so the reply itself never waits for a reply. */
    public String endpointUri() {
        return "jms:" + kind + ":" + name + "?exchangePattern=InOnly";
    }
}
