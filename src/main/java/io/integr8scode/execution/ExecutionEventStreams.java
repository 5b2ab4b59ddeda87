package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SSE clients of this instance, by execution id. Events arrive from the events topic (so a change made
 * on any instance reaches every browser) and a stream completes after its terminal status.
 */
@Component("executionEventStreams")
public class ExecutionEventStreams {

    static final String EVENT_NAME = "status";

    private final Map<String, Set<ClientStream>> streams = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final ExecutionViews views;

    ExecutionEventStreams(ObjectMapper json, ExecutionViews views) {
        this.json = json;
        this.views = views;
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
        Set<ClientStream> open = streams.get(executionId);
        if (open == null) {
            return;
        }
        ExecutionStatus status = ExecutionStatus.of(json.readTree(event).path("status").asText());
        open.forEach(stream -> stream.emit(event, status));
    }

    /** One browser's stream. Each status is sent once: the current state read on connect and the topic event for the same change may both arrive. */
    static final class ClientStream {

        private final String executionId;
        private final SseEmitter emitter;
        private ExecutionStatus lastSent;

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
    }
}
