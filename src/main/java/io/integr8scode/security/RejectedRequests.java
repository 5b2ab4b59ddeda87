package io.integr8scode.security;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses (an encoded slash, percent or semicolon, "..", a parameter name
 * with an unassigned character, a method outside the usual ones) answered as problem+json: 405 for the
 * method, 400 for the rest. Spring Security uses the one RequestRejectedHandler bean it finds.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    /** The methods the firewall lets through (StrictHttpFirewall's defaults). */
    private static final Set<String> SERVED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    private final ProblemWriter problems;

    RejectedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        if (!SERVED_METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", SERVED_METHODS.stream().sorted().toList()));
            problems.write(request, response, ApiProblem.methodNotAllowed(request.getMethod()));
            return;
        }
        problems.write(request, response, ApiProblem.urlRejected());
    }
}
