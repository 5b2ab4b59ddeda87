package io.integr8scode.monitoring;

import com.mongodb.client.model.Filters;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Prometheus figures of the pipeline: executions by status and the queue depth (refreshed from MongoDB
 * by a timer route, so every instance reports the shared truth, with one count per status that the
 * {status, ...} indexes answer) and a histogram of run durations.
 */
@Component("executionMetrics")
public class ExecutionMetrics {

    private final MeterRegistry registry;
    private final Map<ExecutionStatus, AtomicLong> byStatus = new EnumMap<>(ExecutionStatus.class);

    ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
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

    /** The stored, finished execution. */
    public void recordCompletion(Execution execution) {
        if (execution.durationMs() == null) {
            return;
        }
        Timer.builder("integr8scode.execution.duration")
                .description("Time from sandbox start to exit, by outcome")
                .tag("status", execution.status().value())
                .register(registry)
                .record(Duration.ofMillis(execution.durationMs()));
    }
}
