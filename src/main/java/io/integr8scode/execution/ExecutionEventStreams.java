package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SSE clients of this instance, by execution id. Events arrive from the events topic (so a change made
 * on any instance reaches every browser) and a stream completes after its terminal status. Live output chunks
 * arrive from their own topic (routes/live-output.yaml) and go out as {@value #OUTPUT_EVENT_NAME} events, after
 * what was written before the client connected ({@link LiveOutputBuffers}). The topic consumers only queue events:
 * each {@link ClientStream} writes its own on a dispatch thread, so a browser that stops reading delays no other.
 */
@Component("executionEventStreams")
public class ExecutionEventStreams {

    static final String EVENT_NAME = "status";
    static final String OUTPUT_EVENT_NAME = "output";
    private static final int MAX_DISPATCH_THREADS = 256;

    private final Map<String, Set<ClientStream>> streams = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final ExecutionViews views;
    private final LiveOutputBuffers liveOutput;
    private final ThreadPoolExecutor dispatch;
    /**
     * How far (in characters of event data) a client may fall behind before it is dropped: more than one execution's
     * events can ever amount to, a late client's replay (both streams up to the output limit) and the terminal event
     * (both outputs and the script), JSON escaping a byte as up to six characters. The events are strings every
     * client shares, so the cap bounds how long a client that does not read holds them, not extra copies.
     */
    private final long maxQueuedChars;

    ExecutionEventStreams(ObjectMapper json, ExecutionViews views,
                          @Value("${integr8scode.sandbox.output-limit-mb}") int outputLimitMb, Clock clock) {
        this.json = json;
        this.views = views;
        long outputLimitBytes = outputLimitMb * 1024L * 1024L;
        this.liveOutput = new LiveOutputBuffers(json, outputLimitBytes, clock);
        this.maxQueuedChars = 6 * (4 * outputLimitBytes + 1024 * 1024);
        this.dispatch = dispatchPool();
    }

    /**
     * Threads that write events to clients, one task per client with events waiting. A thread is only held long by
     * a client that does not read (until the write times out or the client is dropped), so the pool may grow large;
     * past its maximum a new client with events waiting is dropped rather than made to wait.
     */
    private static ThreadPoolExecutor dispatchPool() {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(0, MAX_DISPATCH_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "sse-dispatch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stopDispatching() {
        dispatch.shutdownNow();
    }

    /** The event published for an execution: its full view as JSON. */
    public String toEvent(Execution execution) throws JsonProcessingException {
        return json.writeValueAsString(views.full(execution));
    }

    /** Registers a stream before the current state is read, so no change between the two is missed. */
    ClientStream open(String executionId, long timeoutMillis) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        ClientStream stream = new ClientStream(executionId, emitter, dispatch, maxQueuedChars);
        streams.computeIfAbsent(executionId, id -> new CopyOnWriteArraySet<>()).add(stream);
        Runnable remove = () -> close(stream);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(failure -> remove.run());
        return stream;
    }

    void close(ClientStream stream) {
        liveOutput.detach(stream.executionId(), stream);
        streams.computeIfPresent(stream.executionId(), (id, open) -> {
            open.remove(stream);
            return open.isEmpty() ? null : open;
        });
    }

    /** Sends one execution state to a stream; completes it when the state is terminal. */
    void send(ClientStream stream, Execution execution) throws JsonProcessingException {
        stream.status(toEvent(execution), execution.status());
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
        open.forEach(stream -> stream.status(event, status));
    }

    /** Called for every live output chunk on its topic: kept for late clients and sent to the attached ones. */
    public void publishOutput(String chunkEvent, String executionId) {
        liveOutput.append(executionId, chunkEvent);
    }

    /** Sends a stream the output written so far, then the rest as it comes: after its first status event. */
    void attachOutput(ClientStream stream) {
        liveOutput.attach(stream.executionId(), stream);
    }

    /** Executions whose live output this instance keeps, for tests. */
    Set<String> liveOutputKept() {
        return liveOutput.kept();
    }
}
