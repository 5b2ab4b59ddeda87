package io.integr8scode.retention;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoIterable;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;
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

    private static final DocumentCodec CODEC = new DocumentCodec();

    private final Clock clock;
    private final RetentionProperties properties;
    private final Counter deleted;
    private final Counter freed;

    /** A found batch: the executions' ids and their documents' size in BSON bytes. */
    public record Batch(List<Object> ids, long bytes) {}

    ExecutionRetention(Clock clock, RetentionProperties properties, MeterRegistry registry) {
        this.clock = clock;
        this.properties = properties;
        this.deleted = Counter.builder("integr8scode.retention.deleted")
                .description("Finished executions deleted for being older than integr8scode.retention.max-age")
                .register(registry);
        this.freed = Counter.builder("integr8scode.retention.freed")
                .baseUnit(BaseUnits.BYTES)
                .description("BSON size of the executions retention deleted (script, output, errors and the rest)")
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

    /**
     * Reads a found batch one document at a time (a cursor, so a batch of large outputs is never held whole): the
     * ids, and the documents' BSON size as the store holds them, summed before they are deleted.
     */
    public Batch measure(MongoIterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        long bytes = 0;
        try (MongoCursor<Document> documents = found.iterator()) {
            while (documents.hasNext()) {
                Document document = documents.next();
                ids.add(document.get(ExecutionMapper.ID));
                bytes += bsonSize(document);
            }
        }
        return new Batch(ids, bytes);
    }

    /** The executions of a found batch, by _id. */
    public Bson byIds(Batch batch) {
        return Filters.in(ExecutionMapper.ID, batch.ids());
    }

    /**
     * Counts and logs a deleted batch; returns how many it deleted. Its bytes count when the delete removed the whole
     * batch; when something else deleted part of it first (another instance's sweep), which part is unknown, so
     * its bytes are left out rather than guessed.
     */
    public long recordDeleted(long count, Batch batch, String status) {
        deleted.increment(count);
        if (count == batch.ids().size()) {
            freed.increment(batch.bytes());
            log.info("Retention deleted {} {} executions older than {}, freeing {} bytes", count, status, properties.maxAge(),
                    batch.bytes());
        } else {
            log.warn("Retention deleted {} of {} {} executions older than {} (the rest were gone already); their bytes are"
                    + " not counted", count, batch.ids().size(), status, properties.maxAge());
        }
        return count;
    }

    static long bsonSize(Document document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        CODEC.encode(new BsonBinaryWriter(buffer), document, EncoderContext.builder().build());
        return buffer.getPosition();
    }
}
