package io.integr8scode.execution;

import static io.integr8scode.execution.ExecutionMapper.*;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.SandboxResult;
import io.integr8scode.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /** The runner whose sandboxes run under this instance and end with it. */
    private static final String LOCAL_RUNNER = "local";

    /** The failure_reason of a cancelled execution, by when it was cancelled. */
    public static final String CANCELLED_BEFORE_START = "cancelled before it started";
    public static final String STOPPED_WHILE_RUNNING = "cancelled while running";

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
     * have no caller and, like anonymous ones, no owner. {@code id} is given for queue submissions (it follows
     * from the message); null means a new random one.
     */
    public Execution newExecution(ExecutionRequest request, ReplyAddress replyTo, Caller caller, String id) {
        Instant now = clock.instant();
        return new Execution(id != null ? id : UUID.randomUUID().toString(), ExecutionStatus.QUEUED, request.script(), request.stdin(),
                "", "", null, null, false, request.limits(), runner, now, now, null, null, null, null,
                caller == null ? null : caller.userId(),
                caller == null ? null : caller.username(),
                caller == null ? null : caller.clientKey(),
                replyTo, null);
    }

    /**
     * The document a new execution is inserted as, with fields other features keep on it (a batch id, a
     * callback): {@code extras} may be null.
     */
    public Document document(Execution execution, Map<String, Object> extras) {
        Document document = ExecutionMapper.toDocument(execution);
        if (extras != null) {
            document.putAll(extras);
        }
        return document;
    }

    /**
     * Options of a findOneAndUpdate that answers the document as the update left it (null when the filter matched
     * nothing): a status change and the read of its result in one round trip.
     */
    public FindOneAndUpdateOptions returningTheUpdate() {
        return new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
    }

    /**
     * [filter, update] claiming a queued execution for this instance; its deadline follows from its time limit
     * (carried by its work message, or read with it).
     */
    public List<Bson> claim(String executionId, int timeoutSeconds) {
        Date now = Date.from(clock.instant());
        Date deadline = Date.from(clock.instant().plusSeconds(timeoutSeconds).plus(runningGrace));
        return List.of(
                Filters.and(Filters.eq(ID, executionId), Filters.eq(STATUS, ExecutionStatus.QUEUED.value())),
                Updates.combine(
                        Updates.set(STATUS, ExecutionStatus.RUNNING.value()),
                        Updates.set(RUNNER, runner),
                        Updates.set(CLAIMED_BY, instanceId),
                        Updates.set(STARTED_AT, now),
                        Updates.set(UPDATED_AT, now),
                        Updates.set(DEADLINE_AT, deadline)));
    }

    /** [filter, update] storing a sandbox outcome on a running execution. */
    public List<Bson> completion(String executionId, SandboxResult result) {
        return List.of(running(executionId), outcome(result, statusOf(result.outcome()), result.failureReason()));
    }

    /**
     * [filter, update] storing the outcome of a running execution whose stop was asked for: cancelled, with the
     * output it wrote until then (and the exit code of the stopped script).
     */
    public List<Bson> stoppedCompletion(String executionId, SandboxResult result) {
        return List.of(running(executionId), outcome(result, ExecutionStatus.CANCELLED, STOPPED_WHILE_RUNNING));
    }

    /** Matches the execution if its stop was asked for (see {@link #stopRequest}). */
    public Bson stopRequested(String executionId) {
        return Filters.and(Filters.eq(ID, executionId), Filters.exists(STOP_REQUESTED_AT));
    }

    /** [filter, update] cancelling a queued execution: it never runs (dispatch claims only a queued one). */
    public List<Bson> queuedCancellation(String executionId) {
        Date now = Date.from(clock.instant());
        return List.of(Filters.and(Filters.eq(ID, executionId), Filters.eq(STATUS, ExecutionStatus.QUEUED.value())),
                Updates.combine(
                        Updates.set(STATUS, ExecutionStatus.CANCELLED.value()),
                        Updates.set(FAILURE_REASON, CANCELLED_BEFORE_START),
                        Updates.set(FINISHED_AT, now),
                        Updates.set(UPDATED_AT, now)));
    }

    /**
     * [filter, update] asking a running execution to stop: marks it, so that whatever outcome its runner reports
     * next is stored as cancelled (unless the script finished cleanly first).
     */
    public List<Bson> stopRequest(String executionId) {
        Date now = Date.from(clock.instant());
        return List.of(running(executionId), Updates.combine(Updates.set(STOP_REQUESTED_AT, now), Updates.set(UPDATED_AT, now)));
    }

    private static Bson running(String executionId) {
        return Filters.and(Filters.eq(ID, executionId), Filters.eq(STATUS, ExecutionStatus.RUNNING.value()));
    }

    /** [filter, update] ending an unfinished (queued or running) execution the platform gave up on. */
    public List<Bson> abandonment(String executionId, SandboxResult result) {
        return List.of(Filters.and(Filters.eq(ID, executionId),
                        Filters.in(STATUS, ExecutionStatus.QUEUED.value(), ExecutionStatus.RUNNING.value())),
                outcome(result, statusOf(result.outcome()), result.failureReason()));
    }

    private Bson outcome(SandboxResult result, ExecutionStatus status, String failureReason) {
        Date now = Date.from(clock.instant());
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set(STATUS, status.value()),
                Updates.set(OUTPUT, result.output()),
                Updates.set(ERRORS, result.errors()),
                Updates.set(EXIT_CODE, result.exitCode()),
                Updates.set(FAILURE_REASON, failureReason),
                Updates.set(OUTPUT_TRUNCATED, result.outputTruncated()),
                Updates.set(DURATION_MS, result.durationMs()),
                Updates.set(FINISHED_AT, now),
                Updates.set(UPDATED_AT, now),
                Updates.unset(DEADLINE_AT)));
        SandboxResult.ResourceUsage usage = result.usage();
        if (usage != null && (usage.cpuTimeMs() != null || usage.maxRssKb() != null)) {
            updates.add(Updates.set(RESOURCE_USAGE,
                    ExecutionMapper.usageDocument(new Execution.ResourceUsage(usage.cpuTimeMs(), usage.maxRssKb()))));
        }
        return Updates.combine(updates);
    }

    public SandboxJob toJob(Execution execution) {
        return new SandboxJob(execution.id(), execution.script(), execution.stdin(), execution.limits());
    }

    public Bson byId(String executionId) {
        return Filters.eq(ID, executionId);
    }

    /** A projection to the _id alone. */
    public Bson idOnly() {
        return Projections.include(ID);
    }

    /** Queued executions old enough that their queue message may have been lost. */
    public Bson queuedTooLong() {
        return Filters.and(Filters.eq(STATUS, ExecutionStatus.QUEUED.value()),
                Filters.lt(CREATED_AT, Date.from(clock.instant().minus(requeueAfter))));
    }

    /**
     * Running executions no runner can still be finishing: past their deadline, or run by this instance's local
     * runner before the instance (re)started (its sandboxes ended with it). A pod outlives the app that created
     * it, so a Kubernetes execution is not lost by a restart: the pod watch and poll settle it, and only its
     * deadline (a pod never created, or gone unseen) ends it here.
     */
    public Bson lostRunning() {
        Bson running = Filters.eq(STATUS, ExecutionStatus.RUNNING.value());
        return Filters.and(running, Filters.or(
                Filters.lt(DEADLINE_AT, Date.from(clock.instant())),
                Filters.and(Filters.eq(CLAIMED_BY, instanceId), Filters.eq(RUNNER, LOCAL_RUNNER),
                        Filters.lt(STARTED_AT, instanceStartedAt))));
    }

    static ExecutionStatus statusOf(SandboxResult.Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> ExecutionStatus.COMPLETED;
            case FAILED -> ExecutionStatus.FAILED;
            case TIMEOUT -> ExecutionStatus.TIMEOUT;
        };
    }
}
