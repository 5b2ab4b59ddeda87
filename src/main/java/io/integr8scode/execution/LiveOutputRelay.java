package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.sandbox.OutputChunk;
import io.integr8scode.sandbox.OutputObserver;
import io.integr8scode.sandbox.SandboxJob;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a running execution's live output to routes/live-output.yaml, which fans it out to every instance. Bean
 * {@code liveOutput}: the local runner's route attaches it to each job ({@link #observed}); the Kubernetes runner's
 * log follower takes an {@link #observerFor observer} per pod. Never blocks a runner: when the queue is full the
 * chunk is dropped (the stored result still holds all the output). It counts each execution's chunks in flight, so
 * that the local runner's route can let the last of them out before the status event that ends the stream.
 */
@Component("liveOutput")
public class LiveOutputRelay {

    static final String QUEUE = "seda:live-output";
    private static final Logger LOG = LoggerFactory.getLogger(LiveOutputRelay.class);
    /** The longest a finished run waits for its live output to reach the broker. */
    private static final long DELIVERY_WAIT_MS = 2_000;

    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    LiveOutputRelay(ProducerTemplate camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    /** The job, with its live output going to its execution's streams. */
    public SandboxJob observed(SandboxJob job) {
        return job.withLiveOutput(observerFor(job.executionId()));
    }

    /** Where the live output of {@code executionId} goes; the id comes from the job or pod, never from output. */
    public OutputObserver observerFor(String executionId) {
        return chunk -> relay(executionId, chunk);
    }

    /** The SSE event of a chunk. */
    String toEvent(OutputChunk chunk) throws JsonProcessingException {
        return json.writeValueAsString(
                Map.of("stream", chunk.stream(), "sequence", chunk.sequence(), "text", chunk.text()));
    }

    /** Called by routes/live-output.yaml once a chunk of {@code executionId} left the queue (sent or not). */
    public void delivered(String executionId) {
        inFlight.computeIfPresent(executionId, (id, chunks) -> chunks.delivered() ? null : chunks);
    }

    /** Waits (briefly) until every chunk of {@code executionId} relayed so far has left the queue. */
    public void awaitDelivered(String executionId) throws InterruptedException {
        InFlight chunks = inFlight.get(executionId);
        if (chunks != null) {
            chunks.await(DELIVERY_WAIT_MS);
        }
    }

    private void relay(String executionId, OutputChunk chunk) {
        inFlight.compute(executionId, (id, chunks) -> (chunks == null ? new InFlight() : chunks).enqueued());
        try {
            camel.sendBodyAndHeader(QUEUE, toEvent(chunk), "executionId", executionId);
        } catch (JsonProcessingException | RuntimeException dropped) {
            delivered(executionId);
            LOG.debug("live output chunk {} of execution {} dropped: {}", chunk.sequence(), executionId,
                    dropped.toString());
        }
    }

    /** Chunks of one execution queued and not yet delivered. */
    private static final class InFlight {
        private int pending;

        synchronized InFlight enqueued() {
            pending++;
            return this;
        }

        /** True when none is left. */
        synchronized boolean delivered() {
            pending--;
            if (pending <= 0) {
                notifyAll();
                return true;
            }
            return false;
        }

        synchronized void await(long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            for (long left = millis; pending > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
                wait(left);
            }
        }
    }
}
