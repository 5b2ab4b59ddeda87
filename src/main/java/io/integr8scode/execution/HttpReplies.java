package io.integr8scode.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Writes HTTP answers onto the exchange for the REST routes: JSON views of executions and RFC 9457
 * problem+json for every refusal. Unexpected errors are answered without internals.
 */
@Component("httpReplies")
public class HttpReplies {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String RETRY_AFTER = "Retry-After";

    private final ObjectMapper json;
    private final ExecutionViews views;

    HttpReplies(ObjectMapper json, ExecutionViews views) {
        this.json = json;
        this.views = views;
    }

    /** 202 with a Location header, for both the REST and the outline's {@code /execute} submissions. */
    public void accepted(Exchange exchange) throws InvalidPayloadException {
        Document execution = exchange.getMessage().getMandatoryBody(Document.class);
        String id = execution.getString("execution_id");
        exchange.getMessage().setHeader("Location", "/api/v1/executions/" + id);
        write(exchange, 202, "application/json", views.accepted(execution));
    }

    public void execution(Exchange exchange) {
        write(exchange, 200, "application/json", views.full(found(exchange)));
    }

    public void result(Exchange exchange) {
        write(exchange, 200, "application/json", views.result(found(exchange)));
    }

    /** 200 with the body (a view built by an earlier step) as JSON. */
    public void ok(Exchange exchange) {
        write(exchange, 200, "application/json", exchange.getMessage().getBody());
    }

    public void created(Exchange exchange) {
        write(exchange, 201, "application/json", exchange.getMessage().getBody());
    }

    public void noContent(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        message.setBody(null);
    }

    public void problem(Exchange exchange) {
        ApiProblem problem = ProblemDetails.from(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        exchange.getMessage().removeHeader("Location");
        if (problem.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader(RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
        }
        write(exchange, problem.status(), PROBLEM_JSON,
                ProblemDetails.of(problem, exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class)));
    }

    private static Document found(Exchange exchange) {
        Document execution = exchange.getMessage().getBody(Document.class);
        if (execution == null) {
            throw ApiProblem.notFound(exchange.getMessage().getHeader("executionId", String.class));
        }
        return execution;
    }

    private void write(Exchange exchange, int status, String contentType, Object body) {
        Message message = exchange.getMessage();
        // Only what is set here goes back: internal headers (execution ids, JMS properties) must not leak.
        message.removeHeaders("*", "Location", RETRY_AFTER);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Execution view is not serialisable", e);
        }
    }
}
