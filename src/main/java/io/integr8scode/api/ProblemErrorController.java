package io.integr8scode.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The error page for whatever failed outside a route or a controller's own handling (an unknown path, a
 * request the firewall refused while it was being read, an exception that escaped): always problem+json,
 * whatever the client accepts, in place of Spring Boot's Whitelabel page and default JSON.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ErrorAttributes errors;
    private final ProblemWriter problems;

    ProblemErrorController(ErrorAttributes errors, ProblemWriter problems) {
        this.errors = errors;
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(request, response, problemOf(request));
    }

    private ApiProblem problemOf(HttpServletRequest request) {
        Throwable failure = errors.getError(new ServletWebRequest(request));
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestRejectedException) {
                return ApiProblem.urlRejected();
            }
            if (cause instanceof ApiProblem problem) {
                return problem;
            }
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 500;
        if (status >= 500 && failure instanceof Exception exception) {
            return ProblemDetails.from(exception);
        }
        if (status >= 500) {
            log.error("Request failed unexpectedly with status {}", status, failure);
            return new ApiProblem(500, "Internal error", "The request could not be completed; it has been logged.");
        }
        return HttpProblems.forStatus(status, request.getMethod(), request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    }
}
