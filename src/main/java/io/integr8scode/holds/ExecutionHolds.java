package io.integr8scode.holds;

import io.integr8scode.api.ApiProblem;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.quota.QuotaProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The caps on unfinished work, kept atomically by holds (see {@link HoldBook}): a submission takes a hold on
 * its client's cap (HTTP callers only) and one on the queue's {@code max-queued} before it is stored. The queued
 * hold is given back when the execution is claimed, the client's when it reaches its final status; a hold left
 * behind by a crash is released by {@link StaleHolds}. No submission counts executions.
 */
@Component("executionHolds")
public class ExecutionHolds {

    /** Seconds a refused client is told to wait: a queue slot frees as soon as any execution starts. */
    static final long QUEUE_FULL_RETRY_AFTER_SECONDS = 5;

    private final HoldBook book;
    private final QuotaProperties quota;
    private final ExecutionProperties executions;
    private final Clock clock;

    ExecutionHolds(HoldBook book, QuotaProperties quota, ExecutionProperties executions, Clock clock) {
        this.book = book;
        this.quota = quota;
        this.executions = executions;
        this.clock = clock;
    }

    /**
     * Takes the holds a new execution needs, or none: 429 when its client has its cap of unfinished executions,
     * 503 when the queue is full. Queue submissions have no client key, so only the queue cap; an HTTP
     * submission without an owner is anonymous and has the anonymous cap.
     */
    public void reserve(Execution execution) {
        String executionId = execution.id();
        String clientKey = execution.clientKey();
        Date now = Date.from(clock.instant());
        if (clientKey != null) {
            int cap = execution.ownerId() == null ? quota.maxActivePerAnonymousClient() : quota.maxActivePerUser();
            if (!book.take(HoldBook.clientHolds(clientKey), cap, executionId, now)) {
                throw ApiProblem.capReached("You already have " + cap + " executions queued or running; at most "
                        + cap + " may be unfinished at once. Wait for one to finish.", 1);
            }
        }
        if (!book.take(HoldBook.QUEUED, executions.maxQueued(), executionId, now)) {
            if (clientKey != null) {
                book.release(HoldBook.clientHolds(clientKey), executionId);
            }
            throw ApiProblem.queueFull(executions.maxQueued(), QUEUE_FULL_RETRY_AFTER_SECONDS);
        }
    }

    /**
     * Takes the holds of every execution of a batch, or none: when one cannot be taken, those taken before it are
     * given back and the refusal (429 or 503) is the batch's.
     */
    public void reserveAll(List<Execution> batch) {
        List<Execution> reserved = new ArrayList<>();
        try {
            for (Execution execution : batch) {
                reserve(execution);
                reserved.add(execution);
            }
        } catch (RuntimeException refusal) {
            reserved.forEach(execution -> releaseAll(execution.id(), execution.clientKey()));
            throw refusal;
        }
    }

    /** The execution left the queue (claimed): its slot in {@code max-queued} is free. */
    public void releaseQueued(String executionId) {
        book.release(HoldBook.QUEUED, executionId);
    }

    /**
     * The execution reached its final status: its client may start another. One that was never claimed (a
     * dead-lettered one, or a withdrawn submission) also gives back its queue slot.
     */
    public void releaseFinished(Execution execution) {
        release(execution.id(), execution.clientKey(), execution.startedAt() == null);
    }

    /** Gives back whatever a submission took; for a submission that was refused or could not be enqueued. */
    public void releaseAll(String executionId, String clientKey) {
        release(executionId, clientKey, true);
    }

    private void release(String executionId, String clientKey, boolean queued) {
        if (clientKey != null) {
            book.release(HoldBook.clientHolds(clientKey), executionId);
        }
        if (queued) {
            book.release(HoldBook.QUEUED, executionId);
        }
    }
}
