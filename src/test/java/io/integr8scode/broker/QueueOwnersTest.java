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
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A platform user who signs in to the broker with their own username and password (Qpid JMS over AMQP) submits as
 * themselves: the execution is theirs over HTTP (listed, readable by them, not by others), and their cap of
 * unfinished executions holds on the queue as over HTTP. The shared submitter account's submissions stay unowned.
 */
@DirtiesContext
class QueueOwnersTest extends AppTestSupport {

    private static final int BROKER_PORT = freePort();
    private static final String PASSWORD = "correct-Horse-9";

    @DynamicPropertySource
    static void anExposedBrokerThatQueuesWithoutRunning(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), BROKER_PORT);
        registry.add("integr8scode.broker.acceptor-url", () -> "tcp://0.0.0.0:" + BROKER_PORT + "?protocols=CORE,AMQP,STOMP");
        registry.add("integr8scode.broker.submitter-user", () -> "partner");
        registry.add("integr8scode.broker.submitter-password", () -> "partner-secret-1");
        // Nothing runs, so nothing frees a place under the cap.
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
        registry.add("integr8scode.quota.max-active-per-user", () -> "1");
    }

    @Test
    void aSignedInUsersQueueSubmissionsAreOwnedListedAndCapped() throws Exception {
        String username = uniqueName("queue-user");
        String token = signUp(username);
        String other = signUp(uniqueName("other"));

        try (Connection connection = connect(username, PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            send(session, replies, "print('mine')");

            JsonNode listed = awaitListed(token, 1);
            String id = listed.path("items").get(0).path("execution_id").asText();
            JsonNode execution = json(request("GET", "/api/v1/executions/" + id, token, null).body());
            assertThat(execution.path("owner").asText()).isEqualTo(username);
            assertThat(execution.path("script").asText()).isEqualTo("print('mine')");
            assertThat(request("GET", "/api/v1/executions/" + id, other, null).statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/executions/" + id).statusCode()).isEqualTo(404);

            // The cap (1 unfinished) is theirs across HTTP and the queue.
            assertThat(request("POST", "/api/v1/executions", token, "{\"script\": \"print(2)\"}").statusCode()).isEqualTo(429);
            send(session, replies, "print('over the cap')");
            try (MessageConsumer consumer = session.createConsumer(replies)) {
                TextMessage rejection = (TextMessage) consumer.receive(30_000);
                assertThat(rejection).isNotNull();
                assertThat(rejection.getText()).contains("429");
            }
            assertThat(json(request("GET", "/api/v1/executions", token, null).body()).path("total").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndTheSharedAccountStaysUnowned() throws Exception {
        String username = uniqueName("careful");
        String token = signUp(username);
        assertThatThrownBy(() -> connect(username, "wrong-Password-1").close()).isInstanceOf(JMSSecurityException.class);

        try (Connection connection = connect("partner", "partner-secret-1")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            // A sender cannot claim a user by writing the name properties itself: the broker overwrites them.
            TextMessage forged = session.createTextMessage("{\"script\": \"print('forged')\"}");
            forged.setStringProperty("_AMQ_VALIDATED_USER", username);
            forged.setStringProperty("integr8scode_submitter", username);
            forged.setJMSReplyTo(replies);
            try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
                producer.send(forged);
            }
        }
        sleep(Duration.ofSeconds(3));
        assertThat(json(request("GET", "/api/v1/executions", token, null).body()).path("total").asLong()).isZero();
    }

    private static void send(Session session, TemporaryQueue replies, String script) throws JMSException {
        TextMessage submission = session.createTextMessage(JSON.createObjectNode().put("script", script).toString());
        submission.setJMSReplyTo(replies);
        try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
            producer.send(submission);
        }
    }

    private JsonNode awaitListed(String token, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode listed = null;
        while (System.nanoTime() < deadline) {
            listed = json(request("GET", "/api/v1/executions", token, null).body());
            // Items are read before the total: a submission stored between the two is counted but not yet listed.
            if (listed.path("total").asLong() >= count && listed.path("items").size() >= count) {
                return listed;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("The queue submission was not listed as the user's: " + listed);
    }

    private static Connection connect(String user, String password) throws JMSException {
        Connection connection = new JmsConnectionFactory(user, password, "amqp://127.0.0.1:" + BROKER_PORT).createConnection();
        connection.start();
        return connection;
    }
}
