package io.integr8scode.retention;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The queries of the retention route (routes/retention.yaml): per final status, the oldest finished executions
 * created before the cutoff, found by the (status, created_at) index a batch at a time and deleted by _id. Only
 * the executions collection is touched, never saved scripts.
 */
@Component("executionRetention")
public class ExecutionRetention {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRetention.class);

    private final Clock clock;
    private final RetentionProperties properties;
    private final Counter deleted;

    ExecutionRetention(Clock clock, RetentionProperties properties, MeterRegistry registry) {
        this.clock = clock;
        this.properties = properties;
        this.deleted = Counter.builder("integr8scode.retention.deleted")
                .description("Finished executions deleted for being older than integr8scode.retention.max-age")
                .register(registry);
    }


    /** The final statuses, one indexed query each (an equality on status, then the created_at range). */
    public List<String> finalStatuses() {
        return Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::isTerminal).map(ExecutionStatus::value).toList();
    }

    /** Executions with this final status created longer than max-age ago. */
    public Bson expired(String status) {
        Date cutoff = Date.from(clock.instant().minus(properties.maxAge()));
        return Filters.and(Filters.eq(ExecutionMapper.STATUS, status), Filters.lt(ExecutionMapper.CREATED_AT, cutoff));
    }

    public Bson oldestFirst() {
        return Sorts.ascending(ExecutionMapper.CREATED_AT);
    }

    public Bson idOnly() {
        return Projections.include(ExecutionMapper.ID);
    }

    /** The executions of a found batch (documents holding their _id), by _id. */
    public Bson byIds(List<Document> batch) {
        return Filters.in(ExecutionMapper.ID, batch.stream().map(document -> document.get(ExecutionMapper.ID)).toList());
    }

    /** Counts and logs a deleted batch; returns how many it held. */
    public long recordDeleted(long count, String status) {
        deleted.increment(count);
        log.info("Retention deleted {} {} executions older than {}", count, status, properties.maxAge());
        return count;
    }
}
