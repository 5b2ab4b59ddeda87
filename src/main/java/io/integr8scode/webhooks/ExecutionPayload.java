package io.integr8scode.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionViews;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The platform's own callback: the finished execution's full view, POSTed. */
@Component
class ExecutionPayload implements CallbackPayload {

    static final String FORMAT = "integr8scode";

    private final ExecutionViews views;
    private final ObjectMapper json;

    ExecutionPayload(ExecutionViews views, ObjectMapper json) {
        this.views = views;
        this.json = json;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String body(Document execution) throws JsonProcessingException {
        return json.writeValueAsString(views.full(ExecutionMapper.from(execution)));
    }
}
