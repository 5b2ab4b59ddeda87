package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A STOMP 1.2 submitter (Spring's STOMP client over TCP) that sends with {@code reply-to: my.replies} and
 * {@code correlation-id}, after subscribing to {@code my.replies} as a plain destination, as a STOMP user
 * following the README would.
 */
class QueueReplyOverStompTest extends QueueReplyContract {

    @Override
    Submitter connect(String replyTo) throws Exception {
        return new StompSubmitter(BROKER_PORT, replyTo);
    }

    @Test
    void repliesToAReplyToWithTheStompQueuePrefix() throws Exception {
        String replyTo = "/queue/" + uniqueName("my.replies");
        try (Submitter submitter = connect(replyTo)) {
            submitter.submit(scriptPrinting("prefixed"), "prefixed-1");

            Reply reply = awaitReply(submitter);

            assertThat(reply.correlationId()).isEqualTo("prefixed-1");
            assertThat(json(reply.body()).path("output").asText()).isEqualTo("prefixed\n");
        }
    }

    private static final class StompSubmitter extends StompSessionHandlerAdapter implements Submitter {

        private final ReactorNettyTcpStompClient client;
        /** Spring's client tracks receipts (and their timeouts) on a scheduler. */
        private final ThreadPoolTaskScheduler receipts = new ThreadPoolTaskScheduler();
        private final StompSession session;
        private final String replyTo;
        private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

        StompSubmitter(int port, String replyTo) throws Exception {
            this.replyTo = replyTo;
            this.client = new ReactorNettyTcpStompClient("127.0.0.1", port);
            client.setDefaultHeartbeat(new long[] {0, 0});
            receipts.initialize();
            client.setTaskScheduler(receipts);
            client.setReceiptTimeLimit(REPLY_WAIT_MS);
            this.session = client.connectAsync(this).get(REPLY_WAIT_MS, TimeUnit.MILLISECONDS);
            // Wait for the broker's receipt, so the subscription exists before anything is submitted.
            session.setAutoReceipt(true);
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            StompSession.Receiptable subscription = session.subscribe(replyTo, new StompFrameHandler() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return byte[].class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    replies.add(new Reply(new String((byte[]) payload, StandardCharsets.UTF_8), headers.getFirst("correlation-id")));
                }
            });
            subscription.addReceiptTask(() -> subscribed.complete(null));
            subscribed.get(REPLY_WAIT_MS, TimeUnit.MILLISECONDS);
            session.setAutoReceipt(false);
        }

        @Override
        public void submit(String body, String correlationId) {
            StompHeaders headers = new StompHeaders();
            headers.setDestination("integr8scode.submit");
            headers.set("reply-to", replyTo);
            if (correlationId != null) {
                headers.set("correlation-id", correlationId);
            }
            session.send(headers, body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Reply nextReply(long waitMs) throws InterruptedException {
            return replies.poll(waitMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public void sendToReplyTo(String body) {
            session.send(replyTo, body.getBytes(StandardCharsets.UTF_8));
        }

        // Failures arrive in place of a reply, so the test that waits for one reports them.
        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            replies.add(new Reply("STOMP ERROR frame: " + headers.getFirst("message") + " " + payload, null));
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload, Throwable failure) {
            replies.add(new Reply("STOMP " + command + " could not be handled: " + failure, null));
        }

        @Override
        public void handleTransportError(StompSession session, Throwable failure) {
            replies.add(new Reply("STOMP transport error: " + failure, null));
        }

        @Override
        public void close() {
            session.disconnect();
            client.shutdown();
            receipts.shutdown();
        }
    }
}
