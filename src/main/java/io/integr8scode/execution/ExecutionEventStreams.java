package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.bson.Document;
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

    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final ExecutionViews views;

    ExecutionEventStreams(ObjectMapper json, ExecutionViews views) {
        this.json = json;
        this.views = views;
    }

    /** The event published for a stored execution document: its full view as JSON. */
    public String toEvent(@Body Document execution) throws JsonProcessingException {
        return json.writeValueAsString(views.full(execution));
    }

    /** Registers a stream before the current state is read, so no change between the two is missed. */
    SseEmitter open(String executionId, long timeoutMillis) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        streams.computeIfAbsent(executionId, id -> new CopyOnWriteArraySet<>()).add(emitter);
        Runnable remove = () -> close(executionId, emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(failure -> remove.run());
        return emitter;
    }

    void close(String executionId, SseEmitter emitter) {
        streams.computeIfPresent(executionId, (id, emitters) -> {
            emitters.remove(emitter);
            return emitters.isEmpty() ? null : emitters;
        });
    }

    /** Sends one execution state to a stream; completes it when the state is terminal. */
    void send(SseEmitter emitter, Document execution) {
        try {
            emit(emitter, toEvent(execution), ExecutionStatus.of(execution.getString("status")));
        } catch (JsonProcessingException e) {
            emitter.completeWithError(e);
        }
    }

    /** Called for every event on the topic. */
    public void publish(@Body String event, @Header("executionId") String executionId) throws JsonProcessingException {
        Set<SseEmitter> emitters = streams.get(executionId);
        if (emitters == null) {
            return;
        }
        ExecutionStatus status = ExecutionStatus.of(json.readTree(event).path("status").asText());
        emitters.forEach(emitter -> emit(emitter, event, status));
    }

    private static void emit(SseEmitter emitter, String event, ExecutionStatus status) {
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
