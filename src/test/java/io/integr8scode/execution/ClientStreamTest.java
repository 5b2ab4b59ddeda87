package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A client's events go out once, in order, off the publishing thread; a client that stops reading is dropped. */
@Timeout(30)
class ClientStreamTest {

    private final ExecutorService dispatch = Executors.newCachedThreadPool();

    @AfterEach
    void stopDispatching() {
        dispatch.shutdownNow();
    }

    @Test
    void sendsEachEventOnceAndInOrderThenEndsAfterTheTerminalStatus() throws Exception {
        RecordingEmitter emitter = new RecordingEmitter(new CountDownLatch(0));
        ClientStream stream = new ClientStream("e1", emitter, dispatch, 1_000_000);

        stream.status("{\"status\":\"running\"}", ExecutionStatus.RUNNING);
        stream.send(chunk(0, "a"));
        stream.send(chunk(1, "b"));
        stream.send(chunk(1, "b"));
        stream.status("{\"status\":\"queued\"}", ExecutionStatus.QUEUED);
        stream.status("{\"status\":\"running\"}", ExecutionStatus.RUNNING);
        stream.status("{\"status\":\"completed\"}", ExecutionStatus.COMPLETED);
        stream.send(chunk(2, "c"));

        assertThat(emitter.ended.await(10, TimeUnit.SECONDS)).as("the stream completed").isTrue();
        assertThat(emitter.sent).containsExactly(
                "status {\"status\":\"running\"}", "output {\"sequence\":0,\"text\":\"a\"}",
                "output {\"sequence\":1,\"text\":\"b\"}", "status {\"status\":\"completed\"}");
        assertThat(emitter.failure).isNull();
    }

    @Test
    void aClientThatStopsReadingHoldsUpNeitherThePublisherNorIsKeptForever() throws Exception {
        CountDownLatch reads = new CountDownLatch(1);
        RecordingEmitter emitter = new RecordingEmitter(reads);
        ClientStream stream = new ClientStream("e1", emitter, dispatch, 100);

        // The first write blocks (the client reads nothing); the publisher goes on and queues more than allowed.
        stream.status("{\"status\":\"running\"}", ExecutionStatus.RUNNING);
        assertThat(emitter.writing.await(10, TimeUnit.SECONDS)).isTrue();
        for (int sequence = 0; sequence < 10; sequence++) {
            stream.send(chunk(sequence, "x".repeat(20)));
        }
        stream.status("{\"status\":\"completed\"}", ExecutionStatus.COMPLETED);
        reads.countDown();

        assertThat(emitter.ended.await(10, TimeUnit.SECONDS)).as("the stream ended").isTrue();
        assertThat(emitter.failure).isInstanceOf(IOException.class).hasMessageContaining("fell more than 100");
        assertThat(emitter.sent).as("the write under way, then nothing").containsExactly("status {\"status\":\"running\"}");
    }

    private static LiveOutputBuffers.Chunk chunk(long sequence, String text) {
        String event = "{\"sequence\":" + sequence + ",\"text\":\"" + text + "\"}";
        return new LiveOutputBuffers.Chunk("stdout", sequence, text.length(), event);
    }

    /** Records "name data" per event; each write waits for {@code reads} (a client that reads, or not yet). */
    private static final class RecordingEmitter extends SseEmitter {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch reads;
        volatile Throwable failure;

        RecordingEmitter(CountDownLatch reads) {
            this.reads = reads;
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            writing.countDown();
            try {
                reads.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            String frame = builder.build().stream().map(part -> part.getData().toString()).collect(Collectors.joining());
            String name = frame.substring("event:".length(), frame.indexOf('\n'));
            String data = frame.substring(frame.indexOf("data:") + "data:".length()).strip();
            sent.add(name + " " + data);
        }

        @Override
        public void complete() {
            ended.countDown();
        }

        @Override
        public void completeWithError(Throwable failure) {
            this.failure = failure;
            ended.countDown();
        }
    }
}
