package io.integr8scode.monitoring;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Prometheus figures of the pipeline. Executions by status, the queue depth and the oldest queued execution are
 * refreshed from MongoDB by a timer route (routes/metrics.yaml), so every instance reports the shared truth, each
 * from an index ({status, created_at}), never a scan of the history. The waits and runs are timed as histograms
 * when they happen, and every final status is counted with a bounded reason ({@link FailureReasons}).
 */
@Component("executionMetrics")
public class ExecutionMetrics {

    private static final String WAIT = "Time from submission to the start of its run";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<ExecutionStatus, AtomicLong> byStatus = new EnumMap<>(ExecutionStatus.class);
    /** created_at of the oldest queued execution at the last refresh; null when none is queued. */
    private final AtomicReference<Instant> oldestQueued = new AtomicReference<>();

    ExecutionMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (ExecutionStatus status : ExecutionStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("integr8scode.executions", count, AtomicLong::get)
                    .description("Stored executions by status")
                    .tag("status", status.value())
                    .register(registry);
        }
        Gauge.builder("integr8scode.queue.depth", byStatus.get(ExecutionStatus.QUEUED), AtomicLong::get)
                .description("Executions waiting for a sandbox slot")
                .register(registry);
        TimeGauge.builder("integr8scode.queue.oldest.age", this, TimeUnit.MILLISECONDS, ExecutionMetrics::oldestQueuedAgeMs)
                .description("How long the oldest queued execution has waited (0 when none waits)")
                .register(registry);
        // Every outcome series exists from the start (at 0), so rates and alerts have something to read.
        FailureReasons.BY_STATUS.forEach((status, reasons) -> reasons.forEach(reason -> finished(status, reason)));
        histogram("integr8scode.execution.wait", WAIT).register(registry);
        FailureReasons.BY_STATUS.keySet().forEach(status -> run(status.value()));
    }

    /** The statuses the refresh route counts, one indexed count each (a $group would read every execution). */
    public List<ExecutionStatus> statuses() {
        return List.copyOf(byStatus.keySet());
    }

    /** The filter of one status's count. */
    public Bson withStatus(ExecutionStatus status) {
        return Filters.eq(ExecutionMapper.STATUS, status.value());
    }

    public void updateCount(ExecutionStatus status, long count) {
        byStatus.get(status).set(count);
    }

    /** The oldest queued execution: status = queued, sorted by created_at, limit 1, off the {status, created_at} index. */
    public Bson queued() {
        return withStatus(ExecutionStatus.QUEUED);
    }

    public Bson oldestFirst() {
        return Sorts.ascending(ExecutionMapper.CREATED_AT);
    }

    public Bson createdAtOnly() {
        return Projections.include(ExecutionMapper.CREATED_AT);
    }

    /** The answer of the oldest-queued query: none or one document. */
    public void updateOldestQueued(List<Document> oldest) {
        Date createdAt = oldest == null || oldest.isEmpty() ? null : oldest.get(0).getDate(ExecutionMapper.CREATED_AT);
        oldestQueued.set(createdAt == null ? null : createdAt.toInstant());
    }

    private double oldestQueuedAgeMs() {
        Instant createdAt = oldestQueued.get();
        return createdAt == null ? 0 : Math.max(0, Duration.between(createdAt, clock.instant()).toMillis());
    }

    /** The execution (as it was queued) was just claimed: its wait from submission to start. */
    public void recordStart(Execution execution) {
        if (execution.createdAt() == null) {
            return;
        }
        histogram("integr8scode.execution.wait", WAIT)
                .register(registry)
                .record(Duration.between(execution.createdAt(), clock.instant()));
    }

    /** The stored, finished execution: its outcome, its run from claim to final status, and the script's own time. */
    public void recordCompletion(Execution execution) {
        String status = execution.status().value();
        finished(execution.status(), FailureReasons.of(execution)).increment();
        if (execution.startedAt() != null && execution.finishedAt() != null) {
            run(status).record(Duration.between(execution.startedAt(), execution.finishedAt()));
        }
        if (execution.durationMs() != null) {
            Timer.builder("integr8scode.execution.duration")
                    .description("The script's own run time as its sandbox measured it, by outcome")
                    .tag("status", status)
                    .register(registry)
                    .record(Duration.ofMillis(execution.durationMs()));
        }
    }

    private Timer run(String status) {
        return histogram("integr8scode.execution.run", "Time from the start of a run to its stored final status")
                .tag("status", status)
                .register(registry);
    }

    private Counter finished(ExecutionStatus status, String reason) {
        return Counter.builder("integr8scode.executions.finished")
                .description("Executions that reached a final status, by status and bounded failure reason")
                .tag("status", status.value())
                .tag("reason", reason)
                .register(registry);
    }

    static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10));
    }
}
