package io.integr8scode.execution;

import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.Sender;
import org.apache.qpid.protonj2.client.exceptions.ClientException;

/**
 * An AMQP submitter that is not JMS (Qpid protonj2): its reply-to is a bare address, with none of the
 * annotations Qpid JMS adds to say "queue", and its receiver link names no capability either.
 */
class QueueReplyOverAmqpTest extends QueueReplyContract {

    @Override
    Submitter connect(String replyTo) throws Exception {
        return new ProtonSubmitter(BROKER_PORT, replyTo);
    }

    private static final class ProtonSubmitter implements Submitter {

        private final Client client = Client.create();
        private final Connection connection;
        private final String replyTo;
        private final Receiver replies;

        ProtonSubmitter(int port, String replyTo) throws Exception {
            this.connection = client.connect("127.0.0.1", port);
            this.replyTo = replyTo;
            this.replies = connection.openReceiver(replyTo);
            replies.openFuture().get(REPLY_WAIT_MS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void submit(String body, String correlationId) throws ClientException {
            Message<String> submission = Message.create(body).replyTo(replyTo);
            if (correlationId != null) {
                submission.correlationId(correlationId);
            }
            send("integr8scode.submit", submission);
        }

        @Override
        public Reply nextReply(long waitMs) throws ClientException {
            Delivery delivery = replies.receive(waitMs, TimeUnit.MILLISECONDS);
            if (delivery == null) {
                return null;
            }
            Message<Object> reply = delivery.message();
            return new Reply(String.valueOf(reply.body()), reply.correlationId() == null ? null : reply.correlationId().toString());
        }

        @Override
        public void sendToReplyTo(String body) throws ClientException {
            send(replyTo, Message.create(body));
        }

        private void send(String address, Message<String> message) throws ClientException {
            try (Sender sender = connection.openSender(address)) {
                sender.send(message).awaitSettlement(REPLY_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void close() {
            connection.close();
            client.close();
        }
    }
}
