package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integr8scode.SharedAppTest;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * What every queue submitter gets, whatever its protocol: with a plain reply-to name (no prefix, no
 * temporary queue) it receives exactly one reply, the final execution with its correlation id, and an
 * invalid submission is answered with a problem on the same reply-to. Each subclass is one real client.
 */
abstract class QueueReplyContract extends SharedAppTest {

    static final long REPLY_WAIT_MS = 30_000;
    private static final String END_OF_REPLIES = "end-of-replies";

    @Autowired
    private JmsTemplate jms;

    /** A real client of the protocol, connected to the broker's TCP acceptor, reading from {@code replyTo}. */
    abstract Submitter connect(String replyTo) throws Exception;

    /** One protocol's client: submits with the reply-to it was connected with and reads what arrives there. */
    interface Submitter extends AutoCloseable {

        /** Sends a submission to the submit queue with the reply-to and, unless null, the correlation id. */
        void submit(String body, String correlationId) throws Exception;

        /** The next message on the reply-to, or null when none came within the wait. */
        Reply nextReply(long waitMs) throws Exception;

        /** Sends a message of its own straight to the reply-to. */
        void sendToReplyTo(String body) throws Exception;
    }

    record Reply(String body, String correlationId) {}

    @Test
    void repliesOnceWithTheFinalExecutionOnAPlainReplyToName() throws Exception {
        String replyTo = uniqueName("my.replies");
        String greeting = uniqueName("hello");
        try (Submitter submitter = connect(replyTo)) {
            submitter.submit(scriptPrinting(greeting), "order-" + greeting);

            Reply reply = awaitReply(submitter);

            assertThat(reply.correlationId()).isEqualTo("order-" + greeting);
            JsonNode execution = json(reply.body());
            assertThat(execution.path("status").asText()).isEqualTo("completed");
            assertThat(execution.path("output").asText()).isEqualTo(greeting + "\n");
            assertThat(execution.path("exit_code").asInt()).isZero();
            // Exactly one reply: a message sent there after it is the next one to arrive.
            submitter.sendToReplyTo(END_OF_REPLIES);
            assertThat(awaitReply(submitter).body()).isEqualTo(END_OF_REPLIES);
        }
        assertThat(deadLetters()).noneMatch(body -> body.contains(greeting));
    }

    @Test
    void answersAnInvalidSubmissionWithAProblemOnTheSameReplyTo() throws Exception {
        String replyTo = uniqueName("my.replies");
        try (Submitter submitter = connect(replyTo)) {
            submitter.submit("{\"script\": 42}", "bad-" + replyTo);

            Reply reply = awaitReply(submitter);

            assertThat(reply.correlationId()).isEqualTo("bad-" + replyTo);
            JsonNode problem = json(reply.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asText()).contains("'script' must be a string");
        }
    }

    static String scriptPrinting(String text) {
        return JSON.createObjectNode().put("script", "print('" + text + "')").toString();
    }

    static Reply awaitReply(Submitter submitter) throws Exception {
        Reply reply = submitter.nextReply(REPLY_WAIT_MS);
        assertThat(reply).as("a reply within " + REPLY_WAIT_MS + " ms").isNotNull();
        return reply;
    }

    /** The bodies now in the submit queue's dead-letter queue, read through the app's own connection. */
    private List<String> deadLetters() {
        return jms.browse("integr8scode.submit.DLQ", (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            for (Object message : Collections.list(browser.getEnumeration())) {
                bodies.add(textOf((Message) message));
            }
            return bodies;
        });
    }

    private static String textOf(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return new String(body, StandardCharsets.UTF_8);
        }
        return String.valueOf(message.getBody(Object.class));
    }
}
