package io.integr8scode.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Another system submitting over AMQP (Qpid JMS) with JMSReplyTo and a correlation id per submission. Whenever
 * the broker goes away (embedded in the app, it dies with every kill), the client's failover transport reconnects
 * and recreates the reply consumer. The reply queue is a named durable queue, not a temporary one, so replies sent while the
 * client is away wait for it. A submission is accepted when the broker confirmed the persistent send.
 */
final class QueueSubmitter implements Runnable, AutoCloseable {

    static final String REPLY_QUEUE = "chaos.replies";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One reply as received: the broker may hand the same message over again after a crash (same message id). */
    record Reply(String correlationId, String messageId, String executionId, String status, String output) {
    }

    private final Connection connection;
    private final Session sendSession;
    private final int wanted;
    private final Duration pace;
    /** correlation id → the token its script prints. */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    final List<Reply> replies = new CopyOnWriteArrayList<>();
    final AtomicInteger failedAttempts = new AtomicInteger();

    QueueSubmitter(int brokerPort, int wanted, Duration pace) throws JMSException {
        this(brokerPort, null, null, wanted, pace);
    }

    /** Signing in as {@code user} (null: anonymous). */
    QueueSubmitter(int brokerPort, String user, String password, int wanted, Duration pace) throws JMSException {
        this.connection = new JmsConnectionFactory(user, password, "failover:(amqp://127.0.0.1:" + brokerPort + ")"
                + "?failover.maxReconnectAttempts=-1&failover.initialReconnectDelay=250&failover.reconnectDelay=250"
                + "&failover.useReconnectBackOff=false").createConnection();
        this.wanted = wanted;
        this.pace = pace;
        Session receiveSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        receiveSession.createConsumer(receiveSession.createQueue(REPLY_QUEUE)).setMessageListener(message -> {
            try {
                JsonNode body = JSON.readTree(((TextMessage) message).getText());
                replies.add(new Reply(message.getJMSCorrelationID(), message.getJMSMessageID(),
                        body.path("execution_id").asText(null), body.path("status").asText(null), body.path("output").asText(null)));
            } catch (JMSException | IOException e) {
                replies.add(new Reply("unreadable", null, null, e.toString(), null));
            }
        });
        this.sendSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    @Override
    public void run() {
        try (MessageProducer producer = sendSession.createProducer(sendSession.createQueue("integr8scode.submit"))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Queue replyTo = sendSession.createQueue(REPLY_QUEUE);
            for (int attempt = 0; accepted.size() < wanted && !Thread.currentThread().isInterrupted(); attempt++) {
                String correlationId = "queue-" + attempt;
                TextMessage submission = sendSession.createTextMessage(ChaosScripts.request(correlationId));
                submission.setJMSReplyTo(replyTo);
                submission.setJMSCorrelationID(correlationId);
                try {
                    // Blocks while the broker is down; the failover transport sends it again after reconnecting.
                    producer.send(submission);
                    accepted.put(correlationId, correlationId);
                } catch (JMSException notConfirmed) {
                    failedAttempts.incrementAndGet();
                }
                Thread.sleep(pace.toMillis());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("The queue submitter could not send", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
