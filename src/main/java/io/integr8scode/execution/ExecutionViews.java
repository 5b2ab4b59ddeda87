package io.integr8scode.execution;

import io.integr8scode.sandbox.ExecutionLimits;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.integr8scode.api.ApiProblem;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The API's JSON shapes of an execution (records Jackson writes in snake_case), built from the stored execution. */
@Component("executionViews")
public class ExecutionViews {

    private static final int PREVIEW_CHARS = 120;

    /** What a submission answers: the id and its first status. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Accepted(String executionId, String status) {
    }

    /** The original outline's {@code GET /result/{execution_id}} shape. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String executionId, String status, String output, String errors) {
    }

    /** Everything a user may see; fields kept for the platform's own use (reply address, claim, deadline) are left out. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Full(String executionId, String status, String script, String stdin, String output, String errors,
                       Integer exitCode, String failureReason, boolean outputTruncated, Limits limits, String runner,
                       String createdAt, String updatedAt, String startedAt, String finishedAt, Long durationMs,
                       Usage resourceUsage, String owner, @JsonInclude(JsonInclude.Include.NON_NULL) Callback callback) {
    }

    /** The webhook's delivery state (the URL stays with the submitter; it may hold a token). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Callback(String status, int attempts, String lastError, String deliveredAt) {
    }

    /** One line of a listing. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(String executionId, String status, String createdAt, String finishedAt, Long durationMs,
                          Integer exitCode, String scriptPreview) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Limits(int timeoutSeconds, int memoryMb, int cpuMillicores) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(Long cpuTimeMs, Long maxRssKb) {
    }

    /**
     * The 202 answer: {@code queued}, what an accepted submission is. A replay (an Idempotency-Key) gives the first
     * answer again, whatever the execution's status is by now; its current state is one GET away.
     */
    public Accepted accepted(Execution execution) {
        return new Accepted(execution.id(), ExecutionStatus.QUEUED.value());
    }

    /** The execution asked for by id; none (unknown, or not the caller's) is a 404. */
    public Full found(Execution execution, String executionId) {
        return full(required(execution, executionId));
    }

    /** The execution asked for by id; none is a 404. */
    public Execution existing(Execution execution, String executionId) {
        return required(execution, executionId);
    }

    /** The outline's result shape of the execution asked for by id; none is a 404. */
    public Result foundResult(Execution execution, String executionId) {
        Execution found = required(execution, executionId);
        return new Result(found.id(), found.status().value(), found.output(), found.errors());
    }

    public Full full(Execution execution) {
        ExecutionLimits limits = execution.limits();
        Execution.ResourceUsage usage = execution.resourceUsage();
        return new Full(execution.id(), execution.status().value(), execution.script(), execution.stdin(),
                execution.output(), execution.errors(), execution.exitCode(), execution.failureReason(),
                execution.outputTruncated(),
                limits == null ? null : new Limits(limits.timeoutSeconds(), limits.memoryMb(), limits.cpuMillicores()),
                execution.runner(), iso(execution.createdAt()), iso(execution.updatedAt()), iso(execution.startedAt()),
                iso(execution.finishedAt()), execution.durationMs(),
                usage == null ? null : new Usage(usage.cpuTimeMs(), usage.maxRssKb()), execution.owner(),
                callback(execution.callback()));
    }

    private static Callback callback(Execution.Callback callback) {
        return callback == null ? null
                : new Callback(callback.status(), callback.attempts(), callback.lastError(), iso(callback.deliveredAt()));
    }

    /** One page of summaries, each with a preview of its script; the items come straight from the store. */
    public Page page(List<Document> items, int page, int size, long total) {
        return new Page(items.stream().map(ExecutionMapper::from).map(ExecutionViews::summary).toList(), page, size, total);
    }

    static Summary summary(Execution execution) {
        String script = execution.script();
        return new Summary(execution.id(), execution.status().value(), iso(execution.createdAt()), iso(execution.finishedAt()),
                execution.durationMs(), execution.exitCode(),
                script == null || script.length() <= PREVIEW_CHARS ? script : script.substring(0, PREVIEW_CHARS) + "…");
    }

    public static ApiProblem notFound(String executionId) {
        return ApiProblem.notFound("Execution not found", "No execution has the id '" + executionId + "'.");
    }

    private static Execution required(Execution execution, String executionId) {
        if (execution == null) {
            throw notFound(executionId);
        }
        return execution;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
