package io.integr8scode.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.AppTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An acceptor listening on every interface requires the submitter's credentials (Qpid JMS over AMQP,
 * connecting through loopback): wrong or missing ones are refused, and the submitter can submit and get
 * its reply (on a temporary queue or one it names) but cannot read the work queue or the events. The app's own in-VM connection keeps working.
 */
@DirtiesContext
class BrokerCredentialsTest extends AppTestSupport {

    private static final int BROKER_PORT = freePort();
    private static final String PASSWORD = "s3cret-for-submitters";

    @DynamicPropertySource
    static void anExposedBroker(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), BROKER_PORT);
        registry.add("integr8scode.broker.acceptor-url", () -> "tcp://0.0.0.0:" + BROKER_PORT + "?protocols=CORE,AMQP,STOMP");
        registry.add("integr8scode.broker.submitter-user", () -> "partner");
        registry.add("integr8scode.broker.submitter-password", () -> PASSWORD);
    }

    @Test
    void refusesWrongOrMissingCredentials() {
        assertThatThrownBy(() -> connect("partner", "wrong-password").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect("someone-else", PASSWORD).close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect(null, null).close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void theSubmitterSubmitsAndGetsItsReply() throws JMSException {
        try (Connection connection = connect("partner", PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage submission = session.createTextMessage("{\"script\": \"print('over AMQP')\"}");
            submission.setJMSReplyTo(replies);
            try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
                producer.send(submission);
            }
            try (MessageConsumer consumer = session.createConsumer(replies)) {
                TextMessage reply = (TextMessage) consumer.receive(30_000);
                assertThat(reply).isNotNull();
                JsonNode execution = json(reply.getText());
                assertThat(execution.path("output").asText()).isEqualTo("over AMQP\n");
            }
        }
        // The HTTP path (in-VM to the broker) is unaffected.
        assertThat(run("print('over HTTP')").path("output").asText()).isEqualTo("over HTTP\n");
    }

    @Test
    void theSubmitterGetsItsReplyOnAQueueItNames() throws JMSException {
        try (Connection connection = connect("partner", PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createQueue("partner.replies");
            try (MessageConsumer consumer = session.createConsumer(replies)) {
                TextMessage submission = session.createTextMessage("{\"script\": \"print('named reply queue')\"}");
                submission.setJMSReplyTo(replies);
                try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
                    producer.send(submission);
                }
                TextMessage reply = (TextMessage) consumer.receive(30_000);
                assertThat(reply).isNotNull();
                assertThat(json(reply.getText()).path("output").asText()).isEqualTo("named reply queue\n");
            }
        }
    }

    @Test
    void theSubmitterCannotReadTheWorkQueueOrEvents() throws JMSException {
        try (Connection connection = connect("partner", PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertRefused(() -> session.createConsumer(session.createQueue("integr8scode.executions")));
            assertRefused(() -> session.createConsumer(session.createTopic("integr8scode.events")));
            assertRefused(() -> session.createConsumer(session.createQueue("integr8scode.submit")));
            assertRefused(() -> session.createProducer(session.createQueue("integr8scode.executions")).send(session.createTextMessage("x")));
        }
    }

    /** The broker's refusal; Qpid reports some as JMSSecurityException and a refused subscription as JMSException. */
    private static void assertRefused(ThrowingCallable action) {
        assertThatThrownBy(action).isInstanceOf(JMSException.class).hasMessageContaining("does not have permission");
    }

    private static Connection connect(String user, String password) throws JMSException {
        Connection connection = new JmsConnectionFactory(user, password, "amqp://127.0.0.1:" + BROKER_PORT).createConnection();
        connection.start();
        return connection;
    }
}
