package io.integr8scode.api;

import com.mongodb.MongoException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The Spring MVC controllers' refusals (and a store that does not answer) as problem+json, the same body the routes write. */
@RestControllerAdvice
class ApiProblemHandler {

    @ExceptionHandler({ApiProblem.class, MongoException.class})
    ResponseEntity<Map<String, Object>> problem(Exception failure, HttpServletRequest request) {
        ApiProblem problem = ProblemDetails.from(failure);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.retryAfterSeconds() != null) {
            response.header(HttpReplies.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
        }
        return response.body(ProblemDetails.of(problem, request.getRequestURI()));
    }
}
