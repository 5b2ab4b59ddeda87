package io.integr8scode.security;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 from the filter chain as problem+json, like every other error of the API. The bearer-token
 * handlers run first so the WWW-Authenticate header (RFC 6750) says what was wrong with the token.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final ProblemWriter problems;

    ProblemResponses(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        bearerEntryPoint.commence(request, response, failure);
        boolean tokenSent = request.getHeader("Authorization") != null;
        write(request, response, 401, "Unauthorized", tokenSent
                ? "The access token is invalid or has expired; sign in again."
                : "Sign in and send the access token as 'Authorization: Bearer <token>'.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        bearerDenied.handle(request, response, denied);
        write(request, response, 403, "Forbidden", "Your account may not do this.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail) throws IOException {
        problems.write(request, response, new ApiProblem(status, title, detail));
    }
}
