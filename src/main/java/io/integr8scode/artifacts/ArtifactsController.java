package io.integr8scode.artifacts;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.ProblemDetails;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionViews;
import io.integr8scode.sandbox.Artifacts;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/executions/{id}/artifacts} and {@code .../artifacts/{name}}: the files a run left in its output
 * folder. Who may read them is decided exactly as for the execution itself, by the route that GET uses
 * ({@code direct:find-visible-execution}): someone else's execution is a 404, an anonymous one is readable by id.
 * A controller, not a route, because a file is answered as bytes with headers of its own: never sniffed, never run
 * (a sandboxing CSP), shown inline only when it is a raster image, downloaded otherwise.
 */
@RestController
class ArtifactsController {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

    private final ArtifactStore store;
    private final ProducerTemplate camel;

    ArtifactsController(ArtifactStore store, ProducerTemplate camel) {
        this.store = store;
        this.camel = camel;
    }

    @GetMapping("/api/v1/executions/{id}/artifacts")
    ResponseEntity<?> list(@PathVariable("id") String id, HttpServletRequest request) {
        if (visible(id) == null) {
            return problem(ExecutionViews.notFound(id), request);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(store.listing(id));
    }

    @GetMapping("/api/v1/executions/{id}/artifacts/{name}")
    ResponseEntity<?> file(@PathVariable("id") String id, @PathVariable("name") String name, HttpServletRequest request) {
        if (visible(id) == null) {
            return problem(ExecutionViews.notFound(id), request);
        }
        Artifacts.File file = store.find(id, name);
        if (file == null) {
            return problem(ApiProblem.notFound("Artifact not found",
                    "Execution '" + id + "' has no artifact named '" + name + "'."), request);
        }
        boolean inline = ArtifactMediaTypes.inline(file.mediaType());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.name()).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cross-Origin-Resource-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .body(file.data());
    }

    private Execution visible(String id) {
        return camel.requestBodyAndHeader("direct:find-visible-execution", null, "executionId", id, Execution.class);
    }

    private static ResponseEntity<?> problem(ApiProblem problem, HttpServletRequest request) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetails.of(problem, request.getRequestURI()));
    }
}
