package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Another system submits over AMQP (Qpid JMS, a real client over TCP) and gets the result on its reply-to. */
class QueueSubmissionTest extends SharedAppTest {

    private static final long REPLY_WAIT_MS = 30_000;

    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws JMSException {
        connection = new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER_PORT).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void disconnect() throws JMSException {
        connection.close();
    }

    @Test
    void repliesWithTheFinalExecutionKeepingTheCorrelationId() throws JMSException {
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage submission = session.createTextMessage("{\"script\": \"print('Hello, Integr8sCode!')\"}");
        submission.setJMSReplyTo(replies);
        submission.setJMSCorrelationID("order-42");
        send(submission);

        Message reply = receive(replies);

        assertThat(reply.getJMSCorrelationID()).isEqualTo("order-42");
        JsonNode execution = json(((TextMessage) reply).getText());
        assertThat(execution.path("status").asText()).isEqualTo("completed");
        assertThat(execution.path("output").asText()).isEqualTo("Hello, Integr8sCode!\n");
        assertThat(execution.has("reply_to")).isFalse();
        // The same execution is readable over HTTP.
        JsonNode stored = json(get("/api/v1/executions/" + execution.path("execution_id").asText()).body());
        assertThat(stored.path("output").asText()).isEqualTo("Hello, Integr8sCode!\n");
    }

    @Test
    void answersAnInvalidMessageWithAnErrorAndDeadLettersIt() throws JMSException {
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage submission = session.createTextMessage("{\"script\": 42}");
        submission.setJMSReplyTo(replies);
        submission.setJMSCorrelationID("bad-1");
        send(submission);

        Message reply = receive(replies);

        assertThat(reply.getJMSCorrelationID()).isEqualTo("bad-1");
        JsonNode problem = json(((TextMessage) reply).getText());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("'script' must be a string");

        MessageConsumer deadLetters = session.createConsumer(session.createQueue("integr8scode.submit.DLQ"),
                "rejection_reason LIKE '%must be a string%'");
        Message dead = deadLetters.receive(REPLY_WAIT_MS);
        assertThat(dead).isNotNull();
        assertThat(((TextMessage) dead).getText()).isEqualTo("{\"script\": 42}");
        assertThat(dead.getStringProperty("rejection_reason")).contains("must be a string");
    }

    @Test
    void keepsConsumingAfterGarbage() throws JMSException {
        send(session.createTextMessage("not json at all"));
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage good = session.createTextMessage("{\"script\": \"print(6 * 7)\"}");
        good.setJMSReplyTo(replies);
        send(good);

        JsonNode execution = json(((TextMessage) receive(replies)).getText());

        assertThat(execution.path("output").asText()).isEqualTo("42\n");
    }

    private void send(Message message) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
            producer.send(message);
        }
    }

    private Message receive(TemporaryQueue queue) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(queue)) {
            Message reply = consumer.receive(REPLY_WAIT_MS);
            assertThat(reply).as("a reply within " + REPLY_WAIT_MS + " ms").isNotNull();
            return reply;
        }
    }
}
