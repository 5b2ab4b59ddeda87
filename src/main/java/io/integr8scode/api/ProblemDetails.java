package io.integr8scode.api;

import com.mongodb.MongoException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 9457 problem details, shared by HTTP answers and queue error replies. */
public final class ProblemDetails {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    private ProblemDetails() {
    }

    /**
     * The problem a failure stands for; an unexpected one is logged and told without internals. A refusal
     * thrown inside a route's expression arrives wrapped by Camel, so the causes are searched too.
     */
    public static ApiProblem from(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {
                return problem;
            }
            if (cause instanceof MongoException unavailable) {
                log.warn("The store did not answer: {}", unavailable.toString());
                return ApiProblem.storeUnavailable();
            }
        }
        log.error("Request failed unexpectedly", failure);
        return new ApiProblem(500, "Internal error", "The request could not be completed; it has been logged.");
    }

    public static Map<String, Object> of(ApiProblem problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }
}
