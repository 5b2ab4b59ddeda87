package io.integr8scode.execution;

import io.integr8scode.api.ApiProblem;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The API's JSON shapes of an execution, built from the stored document. */
@Component("executionViews")
public class ExecutionViews {

    private static final int PREVIEW_CHARS = 120;

    /** The execution asked for by id; none (unknown, or not the caller's) is a 404. */
    public Map<String, Object> found(Document execution, String executionId) {
        return full(required(execution, executionId));
    }

    /** The outline's result shape of the execution asked for by id; none is a 404. */
    public Map<String, Object> foundResult(Document execution, String executionId) {
        return result(required(execution, executionId));
    }

    /** {items, page, size, total}: one page of summaries, each with a preview of its script. */
    public Map<String, Object> page(List<Document> items, int page, int size, long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items.stream().map(this::summary).toList());
        body.put("page", page);
        body.put("size", size);
        body.put("total", total);
        return body;
    }

    static ApiProblem notFound(String executionId) {
        return ApiProblem.notFound("Execution not found", "No execution has the id '" + executionId + "'.");
    }

    private static Document required(Document execution, String executionId) {
        if (execution == null) {
            throw notFound(executionId);
        }
        return execution;
    }

    /** Everything a user may see; fields kept for the platform's own use (reply address, claim, deadline) are left out. */
    public Map<String, Object> full(Document execution) {
        Map<String, Object> view = accepted(execution);
        view.put("script", execution.getString("script"));
        view.put("stdin", execution.getString("stdin"));
        view.put("output", execution.getString("output"));
        view.put("errors", execution.getString("errors"));
        view.put("exit_code", execution.get("exit_code"));
        view.put("failure_reason", execution.get("failure_reason"));
        view.put("output_truncated", execution.getBoolean("output_truncated", false));
        view.put("limits", execution.get("limits", Document.class));
        view.put("runner", execution.getString("runner"));
        view.put("created_at", iso(execution, "created_at"));
        view.put("updated_at", iso(execution, "updated_at"));
        view.put("started_at", iso(execution, "started_at"));
        view.put("finished_at", iso(execution, "finished_at"));
        view.put("duration_ms", execution.get("duration_ms"));
        view.put("resource_usage", execution.get("resource_usage", Document.class));
        view.put("owner", execution.getString("owner"));
        return view;
    }

    /** One line of a listing, with a preview of the script. */
    Map<String, Object> summary(Document execution) {
        Map<String, Object> view = accepted(execution);
        view.put("created_at", iso(execution, "created_at"));
        view.put("finished_at", iso(execution, "finished_at"));
        view.put("duration_ms", execution.get("duration_ms"));
        view.put("exit_code", execution.get("exit_code"));
        String script = execution.getString("script");
        view.put("script_preview", script == null || script.length() <= PREVIEW_CHARS ? script : script.substring(0, PREVIEW_CHARS) + "…");
        return view;
    }

    /** The original outline's {@code GET /result/{execution_id}} shape. */
    public Map<String, Object> result(Document execution) {
        Map<String, Object> view = accepted(execution);
        view.put("output", execution.getString("output"));
        view.put("errors", execution.getString("errors"));
        return view;
    }

    /** What a submission answers: the id and its first status. */
    public Map<String, Object> accepted(Document execution) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("execution_id", execution.getString("execution_id"));
        view.put("status", execution.getString("status"));
        return view;
    }

    private static String iso(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant().toString();
    }
}
