package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.sandbox.OutputChunk;
import io.integr8scode.sandbox.OutputObserver;
import io.integr8scode.sandbox.SandboxJob;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a running execution's live output to routes/live-output.yaml, which fans it out to every instance. Bean
 * {@code liveOutput}: the local runner's route attaches it to each job ({@link #observed}); the Kubernetes runner's
 * log follower takes an {@link #observerFor observer} per pod. Never blocks a runner: when the queue is full the
 * chunk is dropped (the stored result still holds all the output).
 */
@Component("liveOutput")
public class LiveOutputRelay {

    static final String QUEUE = "seda:live-output";
    private static final Logger LOG = LoggerFactory.getLogger(LiveOutputRelay.class);

    private final ProducerTemplate camel;
    private final ObjectMapper json;

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

    private void relay(String executionId, OutputChunk chunk) {
        try {
            camel.sendBodyAndHeader(QUEUE, toEvent(chunk), "executionId", executionId);
        } catch (JsonProcessingException | RuntimeException dropped) {
            LOG.debug("live output chunk {} of execution {} dropped: {}", chunk.sequence(), executionId,
                    dropped.toString());
        }
    }
}
