package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** A CORE submitter (Artemis's own JMS client over TCP) with {@code session.createQueue("my.replies")} as JMSReplyTo. */
class QueueReplyOverCoreTest extends QueueReplyContract {

    @Override
    JmsSubmitter connect(String replyTo) throws Exception {
        return new JmsSubmitter(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT), replyTo);
    }

    @Test
    void aSubmissionWithoutCorrelationIdGetsItsMessageIdBack() throws Exception {
        try (JmsSubmitter submitter = connect(uniqueName("my.replies"))) {
            submitter.submit(scriptPrinting("uncorrelated"), null);

            Reply reply = awaitReply(submitter);

            assertThat(reply.correlationId()).isNotNull().isEqualTo(submitter.lastMessageId());
            assertThat(json(reply.body()).path("output").asText()).isEqualTo("uncorrelated\n");
        }
    }

    @Test
    void refusesAReplyToOneOfThePlatformsOwnQueues() throws Exception {
        String marker = uniqueName("forged");
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage submission = session.createTextMessage(scriptPrinting(marker));
            submission.setJMSReplyTo(session.createQueue("integr8scode.executions"));
            session.createProducer(session.createQueue("integr8scode.submit")).send(submission);

            MessageConsumer deadLetters = session.createConsumer(session.createQueue("integr8scode.submit.DLQ"),
                    "rejection_reason LIKE 'The reply-to may not name the platform%'");
            TextMessage dead = (TextMessage) deadLetters.receive(REPLY_WAIT_MS);

            assertThat(dead).as("the submission, dead-lettered").isNotNull();
            assertThat(dead.getText()).contains(marker);
        }
    }
}
