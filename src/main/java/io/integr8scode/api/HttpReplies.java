package io.integr8scode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Writes HTTP answers onto the exchange for the REST routes: the body (a view an earlier step built) as
 * JSON, and RFC 9457 problem+json for every refusal. Unexpected errors are answered without internals.
 * Only the headers set here (and a Location the route set) go back to the client.
 */
@Component("httpReplies")
public class HttpReplies {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String LOCATION = "Location";
    /** Set on the answer to a retried request that answers the first one's (an Idempotency-Key). */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final ObjectMapper json;

    HttpReplies(ObjectMapper json) {
        this.json = json;
    }

    /** 200 with the body as JSON. */
    public void ok(Exchange exchange) {
        write(exchange, 200, "application/json", exchange.getMessage().getBody());
    }

    /** 201 with the body as JSON. */
    public void created(Exchange exchange) {
        write(exchange, 201, "application/json", exchange.getMessage().getBody());
    }

    /** 202 with the body as JSON; the route sets the Location header of what was accepted. */
    public void accepted(Exchange exchange) {
        write(exchange, 202, "application/json", exchange.getMessage().getBody());
    }

    public void noContent(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        message.setBody(null);
    }

    /** The caught exception as problem+json (the http-errors policy). */
    public void problem(Exchange exchange) {
        ApiProblem problem = ProblemDetails.from(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        exchange.getMessage().removeHeader(LOCATION);
        exchange.getMessage().removeHeader(IDEMPOTENT_REPLAYED);
        if (problem.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader(RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
        }
        write(exchange, problem.status(), PROBLEM_JSON,
                ProblemDetails.of(problem, exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class)));
    }

    private void write(Exchange exchange, int status, String contentType, Object body) {
        Message message = exchange.getMessage();
        // Only what is set here goes back: internal headers (execution ids, JMS properties) must not leak.
        message.removeHeaders("*", LOCATION, RETRY_AFTER, IDEMPOTENT_REPLAYED);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reply body is not serialisable", e);
        }
    }
}
