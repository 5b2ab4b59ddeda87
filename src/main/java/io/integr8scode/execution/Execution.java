package io.integr8scode.execution;

import io.integr8scode.sandbox.ExecutionLimits;
import java.time.Instant;

/**
 * One execution as stored in the {@code executions} collection ({@link ExecutionMapper} maps it). The platform's
 * own bookkeeping of a running execution (claimed_by, deadline_at) is written and read by filters only.
 * Owner fields are null for anonymous and queue submissions; {@code replyTo} is set for queue submissions
 * that asked for the result, {@code callback} for submissions that gave a callback_url.
 */
public record Execution(
        String id,
        ExecutionStatus status,
        String script,
        String stdin,
        String output,
        String errors,
        Integer exitCode,
        String failureReason,
        boolean outputTruncated,
        ExecutionLimits limits,
        String runner,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        ResourceUsage resourceUsage,
        String ownerId,
        String owner,
        String clientKey,
        ReplyAddress replyTo,
        Callback callback) {

    /** The outcome in a few words for logs: "completed, exit code 0", "failed: memory limit exceeded (64 MB)". */
    public String outcome() {
        String how = failureReason != null ? ": " + failureReason : exitCode != null ? ", exit code " + exitCode : "";
        return status.value() + how;
    }

    /**
     * The webhook of a submission that gave a callback_url: where, and how its delivery went (pending, delivered or
     * failed), after how many attempts, with the last error; null without one.
     */
    public record Callback(String url, String status, int attempts, String lastError, Instant deliveredAt) {
    }

    /** CPU time and peak memory as the sandbox measured them; a field is null when unknown. */
    public record ResourceUsage(Long cpuTimeMs, Long maxRssKb) {
    }
}
