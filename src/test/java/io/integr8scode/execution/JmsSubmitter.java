package io.integr8scode.execution;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * A JMS submitter whose JMSReplyTo is {@code session.createQueue(name)}: a plain queue name, no temporary
 * queue. The connection factory picks the protocol (CORE with Artemis's client, AMQP with Qpid JMS).
 */
class JmsSubmitter implements QueueReplyContract.Submitter {

    private final Connection connection;
    private final Session session;
    private final Queue replyTo;
    private final MessageConsumer replies;
    /** The JMSMessageID of the last submission, as the client assigned it. */
    private String lastMessageId;

    JmsSubmitter(ConnectionFactory factory, String replyTo) throws JMSException {
        this.connection = factory.createConnection();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.replyTo = session.createQueue(replyTo);
        this.replies = session.createConsumer(this.replyTo);
        connection.start();
    }

    @Override
    public void submit(String body, String correlationId) throws JMSException {
        TextMessage submission = session.createTextMessage(body);
        submission.setJMSReplyTo(replyTo);
        if (correlationId != null) {
            submission.setJMSCorrelationID(correlationId);
        }
        send(session.createQueue("integr8scode.submit"), submission);
        lastMessageId = submission.getJMSMessageID();
    }

    String lastMessageId() {
        return lastMessageId;
    }

    @Override
    public QueueReplyContract.Reply nextReply(long waitMs) throws JMSException {
        TextMessage reply = (TextMessage) replies.receive(waitMs);
        return reply == null ? null : new QueueReplyContract.Reply(reply.getText(), reply.getJMSCorrelationID());
    }

    @Override
    public void sendToReplyTo(String body) throws JMSException {
        send(replyTo, session.createTextMessage(body));
    }

    private void send(Queue queue, TextMessage message) throws JMSException {
        try (MessageProducer producer = session.createProducer(queue)) {
            producer.send(message);
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
