package io.integr8scode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Writes a problem+json answer straight onto a servlet response: for the places that answer before or
 * outside Spring MVC and the routes (filters, the security chain, the error page).
 */
@Component
public class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(HttpReplies.PROBLEM_JSON);
        if (problem.retryAfterSeconds() != null) {
            response.setHeader(HttpReplies.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
        }
        response.getOutputStream().write(json.writeValueAsBytes(ProblemDetails.of(problem, instance(request))));
    }

    /** The path asked for; on the error page, the one that failed rather than the error page's own. */
    private static String instance(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return failed instanceof String uri ? uri : request.getRequestURI();
    }
}
