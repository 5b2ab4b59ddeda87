package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SSE clients of this instance, by execution id. Events arrive from the events topic (so a change made
 * on any instance reaches every browser) and a stream completes after its terminal status. Live output chunks
 * arrive from their own topic (routes/live-output.yaml) and go out as {@value #OUTPUT_EVENT_NAME} events, after
 * what was written before the client connected ({@link LiveOutputBuffers}).
 */
@Component("executionEventStreams")
public class ExecutionEventStreams {

    static final String EVENT_NAME = "status";
    static final String OUTPUT_EVENT_NAME = "output";

    private final Map<String, Set<ClientStream>> streams = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final ExecutionViews views;
    private final LiveOutputBuffers liveOutput;

    ExecutionEventStreams(ObjectMapper json, ExecutionViews views,
                          @Value("${integr8scode.sandbox.output-limit-mb}") int outputLimitMb, Clock clock) {
        this.json = json;
        this.views = views;
        this.liveOutput = new LiveOutputBuffers(json, outputLimitMb * 1024L * 1024L, clock);
    }

    /** The event published for an execution: its full view as JSON. */
    public String toEvent(Execution execution) throws JsonProcessingException {
        return json.writeValueAsString(views.full(execution));
    }

    /** Registers a stream before the current state is read, so no change between the two is missed. */
    ClientStream open(String executionId, long timeoutMillis) {
        ClientStream stream = new ClientStream(executionId, new SseEmitter(timeoutMillis));
        streams.computeIfAbsent(executionId, id -> new CopyOnWriteArraySet<>()).add(stream);
        Runnable remove = () -> close(stream);
        stream.emitter.onCompletion(remove);
        stream.emitter.onTimeout(remove);
        stream.emitter.onError(failure -> remove.run());
        return stream;
    }

    void close(ClientStream stream) {
        liveOutput.detach(stream.executionId, stream);
        streams.computeIfPresent(stream.executionId, (id, open) -> {
            open.remove(stream);
            return open.isEmpty() ? null : open;
        });
    }

    /** Sends one execution state to a stream; completes it when the state is terminal. */
    void send(ClientStream stream, Execution execution) {
        try {
            stream.emit(toEvent(execution), execution.status());
        } catch (JsonProcessingException e) {
            stream.emitter.completeWithError(e);
        }
    }

    /** Called for every event on the topic. */
    public void publish(String event, String executionId) throws JsonProcessingException {
        ExecutionStatus status = ExecutionStatus.of(json.readTree(event).path("status").asText());
        if (status.isTerminal()) {
            liveOutput.drop(executionId);
        }
        Set<ClientStream> open = streams.get(executionId);
        if (open == null) {
            return;
        }
        open.forEach(stream -> stream.emit(event, status));
    }

    /** Called for every live output chunk on its topic: kept for late clients and sent to the attached ones. */
    public void publishOutput(String chunkEvent, String executionId) {
        liveOutput.append(executionId, chunkEvent);
    }

    /** Sends a stream the output written so far, then the rest as it comes: after its first status event. */
    void attachOutput(ClientStream stream) {
        liveOutput.attach(stream.executionId, stream);
    }

    /** Executions whose live output this instance keeps, for tests. */
    Set<String> liveOutputKept() {
        return liveOutput.kept();
    }

    /** One browser's stream. Each status is sent once: the current state read on connect and the topic event for the same change may both arrive. */
    static final class ClientStream implements LiveOutputBuffers.Receiver {

        private final String executionId;
        private final SseEmitter emitter;
        private ExecutionStatus lastSent;
        private long lastOutputSequence = -1;

        private ClientStream(String executionId, SseEmitter emitter) {
            this.executionId = executionId;
            this.emitter = emitter;
        }

        SseEmitter emitter() {
            return emitter;
        }

        private synchronized void emit(String event, ExecutionStatus status) {
            if (status == lastSent || (lastSent != null && status.ordinal() < lastSent.ordinal())) {
                return;
            }
            lastSent = status;
            try {
                emitter.send(SseEmitter.event().name(EVENT_NAME).data(event, MediaType.APPLICATION_JSON));
                if (status.isTerminal()) {
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                // The browser went away or the stream already ended; its callbacks unregister it.
                emitter.completeWithError(gone);
            }
        }

        /** A live output chunk, once and in order; none after the terminal status (the result holds it all). */
        @Override
        public synchronized void send(LiveOutputBuffers.Chunk chunk) {
            if ((lastSent != null && lastSent.isTerminal()) || chunk.sequence() <= lastOutputSequence) {
                return;
            }
            lastOutputSequence = chunk.sequence();
            try {
                emitter.send(SseEmitter.event().name(OUTPUT_EVENT_NAME).data(chunk.event(), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }
    }
}
