package io.integr8scode.execution;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.integr8scode.AppTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One logical queue submission is one execution, however often it arrives: redelivered after its execution was
 * stored but before its message was acknowledged (what a crash mid-intake leaves), or sent again by its client.
 * A real AMQP client (Qpid JMS) submits; Artemis hands its messages to the app's CORE consumer with a new
 * JMSMessageID on every delivery, which is how the chaos test once saw one submission run twice. Dispatch is off,
 * so what is stored stays as intake left it.
 */
@CamelSpringBootTest
@DirtiesContext
class QueueResendTest extends AppTestSupport {

    private static final int BROKER_PORT = freePort();
    private static final long WAIT_SECONDS = 30;

    /** Set by a test: the next delivery that stores an execution is rolled back after storing it, as a kill would. */
    private static final AtomicBoolean rollBackNextStoredDelivery = new AtomicBoolean();
    /** Every delivery intake saw: its JMSMessageID and the execution id it worked out. */
    private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private static boolean advised;

    record Delivery(String jmsMessageId, String executionId) {}

    @Autowired
    CamelContext camel;

    @Autowired
    MongoClient mongo;

    @Autowired
    EmbeddedActiveMQ broker;

    private Connection connection;
    private Session session;

    @DynamicPropertySource
    static void ownApp(DynamicPropertyRegistry registry) {
        isolate(registry, temporaryDirectory(), BROKER_PORT);
        registry.add("integr8scode.executions.dispatch-enabled", () -> "false");
    }

    @BeforeEach
    void adviseOnceAndConnect() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "submit-over-queue", route -> {
                route.weaveByToUri("direct:find-execution").before().process(exchange -> deliveries.add(new Delivery(
                        exchange.getMessage().getHeader("JMSMessageID", String.class),
                        exchange.getProperty("executionId", String.class))));
                route.weaveByToUri("direct:accept-execution").after().process(exchange -> {
                    if (rollBackNextStoredDelivery.compareAndSet(true, false)) {
                        exchange.setRollbackOnly(true);
                    }
                });
            });
            advised = true;
        }
        deliveries.clear();
        connection = new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER_PORT).createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    @AfterEach
    void disconnect() throws JMSException {
        rollBackNextStoredDelivery.set(false);
        connection.close();
    }

    @Test
    void aSubmissionRedeliveredAfterItsExecutionWasStoredIsOneExecution() throws Exception {
        String script = "print('" + uniqueName("redelivered") + "')";
        long workBefore = brokerQueue("integr8scode.executions").getMessageCount();
        rollBackNextStoredDelivery.set(true);
        NotifyBuilder twoDeliveries = new NotifyBuilder(camel).fromRoute("submit-over-queue").whenDone(2).create();

        send(session.createTextMessage(body(script)));

        assertThat(twoDeliveries.matches(WAIT_SECONDS, TimeUnit.SECONDS)).as("the message delivered again").isTrue();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).jmsMessageId()).as("the broker's JMSMessageID of each delivery")
                .isNotEqualTo(deliveries.get(1).jmsMessageId());
        assertThat(deliveries.get(1).executionId()).isEqualTo(deliveries.get(0).executionId());
        awaitSubmitQueueEmpty();
        assertThat(deliveries).as("deliveries until acknowledged").hasSize(2);
        assertThat(storedWith(script)).isEqualTo(1);
        assertThat(brokerQueue("integr8scode.executions").getMessageCount()).as("work messages").isEqualTo(workBefore + 1);
    }

    @Test
    void aClientsResendOfTheSameSubmissionIsOneExecution() throws Exception {
        String script = "print('" + uniqueName("resent") + "')";
        Queue replyTo = session.createQueue(uniqueName("resend.replies"));
        long workBefore = brokerQueue("integr8scode.executions").getMessageCount();
        NotifyBuilder twoDeliveries = new NotifyBuilder(camel).fromRoute("submit-over-queue").whenDone(2).create();

        // A client that never heard the broker confirm its send sends the submission again: a new message.
        for (int send = 0; send < 2; send++) {
            TextMessage submission = session.createTextMessage(body(script));
            submission.setJMSReplyTo(replyTo);
            submission.setJMSCorrelationID("order-17");
            send(submission);
        }

        assertThat(twoDeliveries.matches(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        awaitSubmitQueueEmpty();
        // Each copy delivered once and acknowledged: re-sending the work message the broker already has (and drops as
        // a duplicate) did not roll the second copy's intake back into redeliveries and the dead-letter queue.
        assertThat(deliveries).extracting(Delivery::executionId).hasSize(2).containsOnly(deliveries.get(0).executionId());
        assertThat(brokerQueue("integr8scode.submit.DLQ").getMessageCount()).isZero();
        assertThat(storedWith(script)).isEqualTo(1);
        assertThat(brokerQueue("integr8scode.executions").getMessageCount()).as("work messages").isEqualTo(workBefore + 1);
    }

    @Test
    void twoSubmissionsOfOneScriptAreTwoExecutions() throws Exception {
        String script = "print('" + uniqueName("twice") + "')";
        Queue replyTo = session.createQueue(uniqueName("twice.replies"));
        NotifyBuilder fourDeliveries = new NotifyBuilder(camel).fromRoute("submit-over-queue").whenDone(4).create();

        // Without a correlation id, and with one correlation id each: every message is a submission of its own.
        send(session.createTextMessage(body(script)));
        send(session.createTextMessage(body(script)));
        for (String correlationId : List.of("order-1", "order-2")) {
            TextMessage submission = session.createTextMessage(body(script));
            submission.setJMSReplyTo(replyTo);
            submission.setJMSCorrelationID(correlationId);
            send(submission);
        }

        assertThat(fourDeliveries.matches(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(storedWith(script)).isEqualTo(4);
    }

    @Test
    void anAmqpSubmitterWithoutACorrelationIdIsAnsweredWithItsOwnMessageId() throws Exception {
        Queue replyTo = session.createQueue(uniqueName("uncorrelated.replies"));
        TextMessage invalid = session.createTextMessage("{\"script\": 42}");
        invalid.setJMSReplyTo(replyTo);

        send(invalid);

        try (MessageConsumer replies = session.createConsumer(replyTo)) {
            Message reply = replies.receive(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(reply).as("a reply").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo(invalid.getJMSMessageID());
        }
    }

    private void send(TextMessage message) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue("integr8scode.submit"))) {
            producer.send(message);
        }
    }

    /** Until the submit queue holds nothing, delivering or waiting: every submission acknowledged or dead-lettered. */
    private void awaitSubmitQueueEmpty() {
        org.apache.activemq.artemis.core.server.Queue submit = brokerQueue("integr8scode.submit");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (submit.getMessageCount() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
        assertThat(submit.getMessageCount()).as("submissions not yet acknowledged").isZero();
    }

    private org.apache.activemq.artemis.core.server.Queue brokerQueue(String name) {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(name));
    }

    private long storedWith(String script) {
        return mongo.getDatabase("integr8scode").getCollection("executions").countDocuments(eq("script", script));
    }

    private static String body(String script) {
        return JSON.createObjectNode().put("script", script).toString();
    }
}
