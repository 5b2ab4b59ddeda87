package io.integr8scode.execution;

import io.integr8scode.sandbox.ExecutionLimits;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** The stored shape of an {@link Execution}: field names and the mapping both ways, in one place. */
public final class ExecutionMapper {

    public static final String COLLECTION = "executions";

    public static final String ID = "_id";
    public static final String STATUS = "status";
    public static final String SCRIPT = "script";
    public static final String STDIN = "stdin";
    public static final String OUTPUT = "output";
    public static final String ERRORS = "errors";
    public static final String EXIT_CODE = "exit_code";
    public static final String FAILURE_REASON = "failure_reason";
    public static final String OUTPUT_TRUNCATED = "output_truncated";
    public static final String LIMITS = "limits";
    public static final String RUNNER = "runner";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String DURATION_MS = "duration_ms";
    public static final String RESOURCE_USAGE = "resource_usage";
    public static final String OWNER_ID = "owner_id";
    public static final String OWNER = "owner";
    public static final String CLIENT_KEY = "client_key";
    public static final String REPLY_TO = "reply_to";
    /** The batch it was submitted in, and its place there (POST /api/v1/executions/batch); absent otherwise. */
    public static final String BATCH_ID = "batch_id";
    public static final String BATCH_INDEX = "batch_index";
    /** The webhook's target and delivery state (io.integr8scode.webhooks); absent without a callback_url. */
    public static final String CALLBACK = "callback";
    /** The instance running it, and when it is lost: written by the claim, read by the recovery filters. */
    public static final String CLAIMED_BY = "claimed_by";
    public static final String DEADLINE_AT = "deadline_at";
    /** When a stop of the running execution was asked for (ExecutionCancels); its outcome is then cancelled. */
    public static final String STOP_REQUESTED_AT = "stop_requested_at";

    static final String TIMEOUT_SECONDS = "timeout_seconds";
    static final String MEMORY_MB = "memory_mb";
    static final String CPU_MILLICORES = "cpu_millicores";
    static final String CPU_TIME_MS = "cpu_time_ms";
    static final String MAX_RSS_KB = "max_rss_kb";

    private ExecutionMapper() {
    }

    public static Execution from(Document document) {
        Document limits = document.get(LIMITS, Document.class);
        Document usage = document.get(RESOURCE_USAGE, Document.class);
        return new Execution(
                document.getString(ID),
                ExecutionStatus.of(document.getString(STATUS)),
                document.getString(SCRIPT),
                document.getString(STDIN),
                document.getString(OUTPUT),
                document.getString(ERRORS),
                document.getInteger(EXIT_CODE),
                document.getString(FAILURE_REASON),
                document.getBoolean(OUTPUT_TRUNCATED, false),
                limits == null ? null : new ExecutionLimits(limits.getInteger(TIMEOUT_SECONDS), limits.getInteger(MEMORY_MB),
                        limits.getInteger(CPU_MILLICORES)),
                document.getString(RUNNER),
                instant(document, CREATED_AT),
                instant(document, UPDATED_AT),
                instant(document, STARTED_AT),
                instant(document, FINISHED_AT),
                longValue(document, DURATION_MS),
                usage == null ? null : new Execution.ResourceUsage(longValue(usage, CPU_TIME_MS), longValue(usage, MAX_RSS_KB)),
                document.getString(OWNER_ID),
                document.getString(OWNER),
                document.getString(CLIENT_KEY),
                ReplyAddress.from(document.get(REPLY_TO, Document.class)),
                callback(document.get(CALLBACK, Document.class)));
    }

    private static Execution.Callback callback(Document callback) {
        if (callback == null) {
            return null;
        }
        return new Execution.Callback(callback.getString("url"), callback.getString("status"), callback.getInteger("attempts", 0),
                callback.getString("last_error"), instant(callback, "delivered_at"));
    }

    /** The document a new execution is inserted as; optional fields (owner, reply address) only when set. */
    public static Document toDocument(Execution execution) {
        Document document = new Document(ID, execution.id())
                .append(STATUS, execution.status().value())
                .append(SCRIPT, execution.script())
                .append(STDIN, execution.stdin())
                .append(OUTPUT, execution.output())
                .append(ERRORS, execution.errors())
                .append(EXIT_CODE, execution.exitCode())
                .append(FAILURE_REASON, execution.failureReason())
                .append(OUTPUT_TRUNCATED, execution.outputTruncated())
                .append(LIMITS, limitsDocument(execution.limits()))
                .append(RUNNER, execution.runner())
                .append(CREATED_AT, date(execution.createdAt()))
                .append(UPDATED_AT, date(execution.updatedAt()))
                .append(STARTED_AT, date(execution.startedAt()))
                .append(FINISHED_AT, date(execution.finishedAt()))
                .append(DURATION_MS, execution.durationMs());
        if (execution.resourceUsage() != null) {
            document.append(RESOURCE_USAGE, usageDocument(execution.resourceUsage()));
        }
        if (execution.replyTo() != null) {
            document.append(REPLY_TO, execution.replyTo().toDocument());
        }
        if (execution.clientKey() != null) {
            document.append(OWNER_ID, execution.ownerId())
                    .append(OWNER, execution.owner())
                    .append(CLIENT_KEY, execution.clientKey());
        }
        return document;
    }

    static Document limitsDocument(ExecutionLimits limits) {
        return new Document(TIMEOUT_SECONDS, limits.timeoutSeconds())
                .append(MEMORY_MB, limits.memoryMb())
                .append(CPU_MILLICORES, limits.cpuMillicores());
    }

    static Document usageDocument(Execution.ResourceUsage usage) {
        return new Document(CPU_TIME_MS, usage.cpuTimeMs()).append(MAX_RSS_KB, usage.maxRssKb());
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static Long longValue(Document document, String field) {
        Object value = document.get(field);
        return value == null ? null : ((Number) value).longValue();
    }
}
