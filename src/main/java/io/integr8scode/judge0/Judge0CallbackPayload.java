package io.integr8scode.judge0;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.webhooks.CallbackPayload;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Judge0's callback, as Judge0 CE sends it when a submission with {@code callback_url} finishes: a PUT of the
 * submission's default fields with its text Base64-encoded, whatever encoding the submission was made with. The
 * platform's signature headers come along (Judge0 clients ignore them), and so do its retries with backoff.
 */
@Component
class Judge0CallbackPayload implements CallbackPayload {

    static final String FORMAT = "judge0";

    private final Judge0Views views;
    private final ObjectMapper json;

    Judge0CallbackPayload(Judge0Views views, ObjectMapper json) {
        this.views = views;
        this.json = json;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public String body(Document execution) throws JsonProcessingException {
        return json.writeValueAsString(views.submission(ExecutionMapper.from(execution), execution,
                Judge0Views.DEFAULT_FIELDS, "true"));
    }
}
