package io.integr8scode.judge0;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionStatus;
import io.integr8scode.sandbox.ExecutionLimits;
import io.integr8scode.sandbox.SandboxProperties;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * An execution as a Judge0 submission: Judge0 CE 1.13.1's attributes (its SubmissionSerializer) in its order,
 * the eight default ones unless {@code ?fields=} names others ({@code *}: all), text Base64-encoded on
 * {@code ?base64_encoded=true}. The token is the execution id; {@code time} and {@code wall_time} are seconds
 * as strings (CPU time and wall time), {@code memory} the peak in KB.
 */
@Component("judge0Views")
public class Judge0Views {

    /** Every attribute, in the serializer's order (the submissions table's columns, then status and language). */
    static final List<String> ATTRIBUTES = List.of("source_code", "language_id", "stdin", "expected_output", "stdout",
            "status_id", "created_at", "finished_at", "time", "memory", "stderr", "token", "number_of_runs",
            "cpu_time_limit", "cpu_extra_time", "wall_time_limit", "memory_limit", "stack_limit",
            "max_processes_and_or_threads", "enable_per_process_and_thread_time_limit",
            "enable_per_process_and_thread_memory_limit", "max_file_size", "compile_output", "exit_code", "exit_signal",
            "message", "wall_time", "compiler_options", "command_line_arguments", "redirect_stderr_to_stdout",
            "callback_url", "additional_files", "enable_network", "status", "language");
    static final List<String> DEFAULT_FIELDS = List.of("token", "time", "memory", "stdout", "stderr", "compile_output",
            "message", "status");
    private static final List<String> ENCODED = List.of("source_code", "stdin", "expected_output", "stdout", "stderr",
            "compile_output", "message");
    private static final DateTimeFormatter RAILS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final Object NOT_FOUND = new Object();

    private final Judge0Catalog catalog;
    private final SandboxProperties sandbox;
    private final int maxBatchSize;

    Judge0Views(Judge0Catalog catalog, SandboxProperties sandbox, Judge0Properties properties) {
        this.catalog = catalog;
        this.sandbox = sandbox;
        this.maxBatchSize = properties.maxBatchSize();
    }

    /** The attributes {@code ?fields=} asks for, as Judge0 reads it; unknown names are a 400. */
    public List<String> fields(String fields) {
        List<String> requested = fields == null ? List.of()
                : Arrays.stream(fields.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        List<String> invalid = requested.stream().filter(name -> !name.equals("*") && !ATTRIBUTES.contains(name)).toList();
        if (!invalid.isEmpty()) {
            throw ApiProblem.badRequest("invalid fields: [" + String.join(", ", invalid) + "]");
        }
        if (requested.contains("*")) {
            return ATTRIBUTES;
        }
        return requested.isEmpty() ? DEFAULT_FIELDS : requested;
    }

    /** What {@code POST /submissions} answers without {@code wait}: the token. */
    public Map<String, Object> created(Execution execution) {
        return Map.of("token", execution.id());
    }

    /** The submission (an execution the caller may see, and its Judge0 extras); null when it is not visible. */
    public Map<String, Object> submission(Execution execution, Document extras, List<String> fields, String base64Encoded) {
        if (execution == null) {
            return null;
        }
        Map<String, Object> all = attributes(execution, Judge0Extras.from(extras));
        boolean base64 = "true".equals(base64Encoded);
        Map<String, Object> view = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            if (fields.contains(attribute)) {
                Object value = all.get(attribute);
                view.put(attribute, base64 && ENCODED.contains(attribute) ? Judge0Base64.encode((String) value) : value);
            }
        }
        return view;
    }

    /** {@code GET /submissions/{token}}: the submission, or 404 when there is none the caller may see. */
    public Map<String, Object> found(Map<String, Object> submission, String token) {
        if (submission == null) {
            throw ApiProblem.notFound("Not Found", "submission with token " + token + " doesn't exist");
        }
        return submission;
    }

    /** The tokens of {@code GET /submissions/batch?tokens=a,b}: at least one, at most the batch size. */
    public List<String> tokens(String tokens) {
        List<String> list = tokens == null ? List.of()
                : Arrays.stream(tokens.strip().split(",")).map(String::strip).filter(token -> !token.isEmpty()).toList();
        if (list.isEmpty()) {
            throw ApiProblem.badRequest("there should be at least one submission in a batch");
        }
        if (list.size() > maxBatchSize) {
            throw ApiProblem.badRequest("number of submissions in a batch should be less than or equal to " + maxBatchSize);
        }
        return list;
    }

    /** One entry of a batch read: the submission, or a marker where there is none (a split drops null bodies). */
    public Object slot(Map<String, Object> submission) {
        return submission == null ? NOT_FOUND : submission;
    }

    /** {@code GET /submissions/batch}: one entry per token, null where there is no submission the caller may see. */
    public Map<String, Object> batch(List<Object> slots) {
        return Map.of("submissions", slots.stream().map(slot -> slot == NOT_FOUND ? null : slot).toList());
    }

    /** {@code POST /submissions/batch} answers 201 when it created any submission, 422 when it created none. */
    public int batchStatus(List<Object> slots) {
        return slots.stream().anyMatch(slot -> slot instanceof Map<?, ?> map && map.containsKey("token")) ? 201 : 422;
    }

    private Map<String, Object> attributes(Execution execution, Judge0Extras.Extras extras) {
        Judge0Status status = Judge0Status.of(execution, extras.expectedOutput());
        boolean finished = execution.status().isTerminal();
        Integer signal = Judge0Status.signal(execution);
        ExecutionLimits limits = execution.limits();
        Execution.ResourceUsage usage = execution.resourceUsage();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("source_code", execution.script());
        attributes.put("language_id", extras.languageId());
        attributes.put("stdin", emptyAsNull(execution.stdin()));
        attributes.put("expected_output", extras.expectedOutput());
        attributes.put("stdout", finished ? emptyAsNull(execution.output()) : null);
        attributes.put("status_id", status.id);
        attributes.put("created_at", railsTime(execution.createdAt()));
        attributes.put("finished_at", railsTime(execution.finishedAt()));
        attributes.put("time", usage == null || usage.cpuTimeMs() == null ? null : seconds(usage.cpuTimeMs()));
        attributes.put("memory", usage == null || usage.maxRssKb() == null ? null : usage.maxRssKb());
        attributes.put("stderr", finished ? emptyAsNull(execution.errors()) : null);
        attributes.put("token", execution.id());
        attributes.put("number_of_runs", 1);
        attributes.put("cpu_time_limit", limits == null ? null : limits.timeoutSeconds() + ".0");
        attributes.put("cpu_extra_time", "0.0");
        attributes.put("wall_time_limit", limits == null ? null : limits.timeoutSeconds() + ".0");
        attributes.put("memory_limit", limits == null ? null : limits.memoryMb() * 1024);
        attributes.put("stack_limit", null);
        attributes.put("max_processes_and_or_threads", sandbox.pidsLimit());
        attributes.put("enable_per_process_and_thread_time_limit", false);
        attributes.put("enable_per_process_and_thread_memory_limit", false);
        attributes.put("max_file_size", sandbox.tmpSizeMb() * 1024);
        attributes.put("compile_output", null);
        attributes.put("exit_code", finished && signal == null ? execution.exitCode() : null);
        attributes.put("exit_signal", signal);
        attributes.put("message", message(execution, status));
        attributes.put("wall_time", execution.durationMs() == null ? null : seconds(execution.durationMs()));
        attributes.put("compiler_options", null);
        attributes.put("command_line_arguments", null);
        attributes.put("redirect_stderr_to_stdout", false);
        attributes.put("callback_url", execution.callback() == null ? null : execution.callback().url());
        attributes.put("additional_files", null);
        attributes.put("enable_network", false);
        attributes.put("status", new Judge0Catalog.StatusView(status.id, status.description));
        attributes.put("language", new Judge0Catalog.LanguageName(extras.languageId(), catalog.nameOf(extras.languageId())));
        return attributes;
    }

    /** Why it ended, where Judge0's sandbox (isolate) says something: our failure reason, or the exit status. */
    private static String message(Execution execution, Judge0Status status) {
        if (execution.status() != ExecutionStatus.FAILED && execution.status() != ExecutionStatus.TIMEOUT
                && execution.status() != ExecutionStatus.CANCELLED) {
            return null;
        }
        if (execution.failureReason() != null) {
            return execution.failureReason();
        }
        return status == Judge0Status.RUNTIME_ERROR_NZEC ? "Exited with error status " + execution.exitCode() : null;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String railsTime(Instant instant) {
        return instant == null ? null : RAILS_TIME.format(instant);
    }

    private static String emptyAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
