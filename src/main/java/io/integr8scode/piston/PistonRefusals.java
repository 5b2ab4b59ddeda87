package io.integr8scode.piston;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.api.ProblemDetails;
import io.integr8scode.compat.CompatRefusal;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The piston-errors policy: every refusal as Piston words it, {@code {"message": "..."}}, with our status. */
@Component("pistonRefusals")
public class PistonRefusals {

    public CompatRefusal of(Exception failure) {
        ApiProblem problem = ProblemDetails.from(failure);
        return new CompatRefusal(problem.status(), Map.of("message", problem.getMessage()), problem.retryAfterSeconds());
    }
}
