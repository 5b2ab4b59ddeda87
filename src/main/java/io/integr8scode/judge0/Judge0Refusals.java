package io.integr8scode.judge0;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.ProblemDetails;
import io.integr8scode.compat.CompatRefusal;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The judge0-errors policy: a refusal as Judge0 words it. Invalid submissions are 422 with the errors per field;
 * everything else is Judge0's {@code {"error": "..."}} with our status (400, 404, 413, 415, 429, 503, ...).
 */
@Component("judge0Refusals")
public class Judge0Refusals {

    public CompatRefusal of(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Judge0FieldErrors invalid) {
                return new CompatRefusal(422, invalid.errors(), null);
            }
        }
        ApiProblem problem = ProblemDetails.from(failure);
        return new CompatRefusal(problem.status(), Map.of("error", problem.getMessage()), problem.retryAfterSeconds());
    }

    /** A batch item that could not be created (refused by the caps or the rate limit): its refusal's body. */
    public Object slotOf(Exception failure) {
        return of(failure).body();
    }
}
