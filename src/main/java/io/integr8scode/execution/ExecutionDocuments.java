package io.integr8scode.execution;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.security.Caller;
import io.integr8scode.security.Callers;
import io.integr8scode.sandbox.SandboxResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds the MongoDB documents, filters and updates the routes send to the {@code executions} collection.
 * Every status change is an update filtered on the current status, so a late or duplicate event matches
 * nothing and status only moves forward.
 */
@Component("executionDocuments")
public class ExecutionDocuments {

    public static final String COLLECTION = "executions";

    private final Clock clock;
    private final String runner;
    private final String instanceId;
    private final Date instanceStartedAt;
    private final Duration runningGrace;
    private final Duration requeueAfter;

    ExecutionDocuments(Clock clock, InstanceIdentity instance,
                       @Value("${integr8scode.runner}") String runner,
                       @Value("${integr8scode.recovery.running-grace}") Duration runningGrace,
                       @Value("${integr8scode.recovery.requeue-after}") Duration requeueAfter) {
        this.clock = clock;
        this.runner = runner;
        this.instanceId = instance.id();
        this.instanceStartedAt = Date.from(instance.startedAt());
        this.runningGrace = runningGrace;
        this.requeueAfter = requeueAfter;
    }

    /**
     * A new queued execution; {@code replyTo} is set for queue submissions that asked for the result. A
     * signed-in caller owns it; an HTTP caller's key counts its unfinished executions. Queue submissions
     * have no caller and, like anonymous ones, no owner.
     */
    public Document newExecution(@Body ExecutionRequest request,
                                 @ExchangeProperty("replyTo") ReplyAddress replyTo,
                                 @ExchangeProperty(Callers.PROPERTY) Caller caller) {
        String id = UUID.randomUUID().toString();
        Date now = Date.from(clock.instant());
        Document document = new Document("_id", id)
                .append("execution_id", id)
                .append("status", ExecutionStatus.QUEUED.value())
                .append("script", request.script())
                .append("stdin", request.stdin())
                .append("output", "")
                .append("errors", "")
                .append("exit_code", null)
                .append("failure_reason", null)
                .append("output_truncated", false)
                .append("limits", limitsDocument(request.limits()))
                .append("runner", runner)
                .append("created_at", now)
                .append("updated_at", now)
                .append("started_at", null)
                .append("finished_at", null)
                .append("duration_ms", null);
        if (replyTo != null) {
            document.append("reply_to", replyTo.toDocument());
        }
        if (caller != null) {
            document.append("owner_id", caller.userId())
                    .append("owner", caller.username())
                    .append("client_key", caller.clientKey());
        }
        return document;
    }

    /** [filter, update] claiming a queued execution for this instance. */
    public List<Bson> claim(@Body Document execution) {
        Date now = Date.from(clock.instant());
        int timeoutSeconds = execution.get("limits", Document.class).getInteger("timeout_seconds");
        Date deadline = Date.from(clock.instant().plusSeconds(timeoutSeconds).plus(runningGrace));
        return List.of(
                Filters.and(Filters.eq("_id", execution.getString("_id")), Filters.eq("status", ExecutionStatus.QUEUED.value())),
                Updates.combine(
                        Updates.set("status", ExecutionStatus.RUNNING.value()),
                        Updates.set("runner", runner),
                        Updates.set("claimed_by", instanceId),
                        Updates.set("started_at", now),
                        Updates.set("updated_at", now),
                        Updates.set("deadline_at", deadline)));
    }

    /** [filter, update] storing a sandbox outcome on a running execution. */
    public List<Bson> completion(@Header("executionId") String executionId, @Body SandboxResult result) {
        Date now = Date.from(clock.instant());
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("status", statusOf(result.outcome()).value()),
                Updates.set("output", result.output()),
                Updates.set("errors", result.errors()),
                Updates.set("exit_code", result.exitCode()),
                Updates.set("failure_reason", result.failureReason()),
                Updates.set("output_truncated", result.outputTruncated()),
                Updates.set("duration_ms", result.durationMs()),
                Updates.set("finished_at", now),
                Updates.set("updated_at", now),
                Updates.unset("deadline_at")));
        SandboxResult.ResourceUsage usage = result.usage();
        if (usage != null && (usage.cpuTimeMs() != null || usage.maxRssKb() != null)) {
            updates.add(Updates.set("resource_usage",
                    new Document("cpu_time_ms", usage.cpuTimeMs()).append("max_rss_kb", usage.maxRssKb())));
        }
        return List.of(
                Filters.and(Filters.eq("_id", executionId), Filters.eq("status", ExecutionStatus.RUNNING.value())),
                Updates.combine(updates));
    }

    public SandboxJob toJob(@Body Document execution) {
        Document limits = execution.get("limits", Document.class);
        return new SandboxJob(
                execution.getString("_id"),
                execution.getString("script"),
                execution.getString("stdin"),
                new ExecutionLimits(limits.getInteger("timeout_seconds"), limits.getInteger("memory_mb"),
                        limits.getInteger("cpu_millicores")));
    }

    /** A client's unfinished (queued or running) executions, counted against its quota. */
    public Bson unfinishedOf(String clientKey) {
        return Filters.and(Filters.eq("client_key", clientKey),
                Filters.in("status", ExecutionStatus.QUEUED.value(), ExecutionStatus.RUNNING.value()));
    }

    public Bson queued() {
        return Filters.eq("status", ExecutionStatus.QUEUED.value());
    }

    /** Queued executions old enough that their queue message may have been lost. */
    public Bson queuedTooLong() {
        return Filters.and(queued(), Filters.lt("created_at", Date.from(clock.instant().minus(requeueAfter))));
    }

    /** Running executions no runner can still be finishing: past their deadline, or claimed by this instance before it started. */
    public Bson lostRunning() {
        Bson running = Filters.eq("status", ExecutionStatus.RUNNING.value());
        return Filters.and(running, Filters.or(
                Filters.lt("deadline_at", Date.from(clock.instant())),
                Filters.and(Filters.eq("claimed_by", instanceId), Filters.lt("started_at", instanceStartedAt))));
    }

    static ExecutionStatus statusOf(SandboxResult.Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> ExecutionStatus.COMPLETED;
            case FAILED -> ExecutionStatus.FAILED;
            case TIMEOUT -> ExecutionStatus.TIMEOUT;
        };
    }

    private static Document limitsDocument(ExecutionLimits limits) {
        return new Document("timeout_seconds", limits.timeoutSeconds())
                .append("memory_mb", limits.memoryMb())
                .append("cpu_millicores", limits.cpuMillicores());
    }
}
