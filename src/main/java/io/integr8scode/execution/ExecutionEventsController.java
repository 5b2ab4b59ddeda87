package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.integr8scode.api.ProblemDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/executions/{id}/events}: Server-Sent Events of status changes. The first event is
 * the current state, then the live output written so far and the rest as it comes ({@code output} events); the
 * stream ends after a terminal status. Streaming needs Spring MVC's SseEmitter,
 * which is why this one endpoint is a controller rather than a route. Someone else's execution is a 404.
 */
@RestController
class ExecutionEventsController {

    /** Longer than any execution can wait and run; a browser reconnects after this anyway. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final ExecutionEventStreams streams;
    private final ProducerTemplate camel;

    ExecutionEventsController(ExecutionEventStreams streams, ProducerTemplate camel) {
        this.streams = streams;
        this.camel = camel;
    }

    @GetMapping("/api/v1/executions/{id}/events")
    ResponseEntity<?> events(@PathVariable("id") String id, HttpServletRequest request) throws JsonProcessingException {
        ClientStream stream = streams.open(id, STREAM_TIMEOUT.toMillis());
        Execution current = camel.requestBodyAndHeader("direct:find-visible-execution", null, "executionId", id, Execution.class);
        if (current == null) {
            streams.close(stream);
            return ResponseEntity.status(404).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetails.of(ExecutionViews.notFound(id), request.getRequestURI()));
        }
        if (current.status().isTerminal()) {
            // Nothing more will happen: answer with the one event instead of holding a stream open.
            streams.close(stream);
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .body("event:" + ExecutionEventStreams.EVENT_NAME + "\ndata:" + streams.toEvent(current) + "\n\n");
        }
        streams.send(stream, current);
        streams.attachOutput(stream);
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(stream.emitter());
    }
}
