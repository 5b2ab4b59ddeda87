package io.integr8scode.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * HTTP answers of the drop-in APIs (Judge0, Piston): the body as plain JSON with the status the imitated API
 * uses (201, 422, ...), where our own API answers problem+json. Only Retry-After survives from the exchange's
 * headers, so nothing internal reaches the client.
 */
@Component("compatReplies")
public class CompatReplies {

    static final String RETRY_AFTER = "Retry-After";

    private final ObjectMapper json;

    CompatReplies(ObjectMapper json) {
        this.json = json;
    }

    /** 200 with the body as JSON. */
    public void ok(Exchange exchange) {
        json(exchange, 200);
    }

    /** 201 with the body as JSON. */
    public void created(Exchange exchange) {
        json(exchange, 201);
    }

    /** The body as JSON with this status. */
    public void json(Exchange exchange, int status) {
        write(exchange.getMessage(), status, exchange.getMessage().getBody());
    }

    /** A refusal in the imitated API's shape, with Retry-After when the refusal has one. */
    public void refusal(Exchange exchange, CompatRefusal refusal) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        if (refusal.retryAfterSeconds() != null) {
            message.setHeader(RETRY_AFTER, String.valueOf(refusal.retryAfterSeconds()));
        }
        write(message, refusal.status(), refusal.body());
    }

    private void write(Message message, int status, Object body) {
        message.removeHeaders("*", RETRY_AFTER);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reply body is not serialisable", e);
        }
    }
}
