package io.integr8scode.holds;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionStatus;
import io.integr8scode.storage.MongoProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives back holds a crash left behind (between taking a hold and storing the execution, or between a status
 * change and its release). Only holds older than {@code integr8scode.recovery.stale-hold-after} are looked at,
 * so a submission still on its way is never touched; their executions are read by _id only. A queue hold is
 * stale once its execution is gone or no longer queued, a client hold once it is gone or finished.
 */
@Component("staleHolds")
public class StaleHolds {

    private static final Logger log = LoggerFactory.getLogger(StaleHolds.class);

    private final HoldBook book;
    private final MongoCollection<Document> executions;
    private final Clock clock;
    private final Duration staleAfter;

    StaleHolds(HoldBook book, MongoClient mongo, MongoProperties properties, Clock clock,
               @Value("${integr8scode.recovery.stale-hold-after}") Duration staleAfter) {
        this.book = book;
        this.executions = mongo.getDatabase(properties.database()).getCollection(ExecutionMapper.COLLECTION);
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** Releases every stale hold; returns how many. */
    public int release() {
        Date cutoff = Date.from(clock.instant().minus(staleAfter));
        int released = 0;
        for (Document holder : book.all()) {
            List<String> old = new ArrayList<>();
            for (Document hold : holder.getList(HoldBook.HOLDS, Document.class, List.of())) {
                if (hold.getDate(HoldBook.AT).before(cutoff)) {
                    old.add(hold.getString(HoldBook.EXECUTION_ID));
                }
            }
            if (old.isEmpty()) {
                continue;
            }
            boolean queueHolds = HoldBook.QUEUED.equals(holder.getString("_id"));
            Map<String, ExecutionStatus> statuses = statusesOf(old);
            List<String> stale = old.stream().filter(id -> {
                ExecutionStatus status = statuses.get(id);
                return status == null || (queueHolds ? status != ExecutionStatus.QUEUED : status.isTerminal());
            }).toList();
            if (!stale.isEmpty()) {
                book.releaseAll(holder.getString("_id"), stale);
                log.warn("Released {} stale holds of {}", stale.size(), holder.getString("_id"));
                released += stale.size();
            }
        }
        book.dropEmptyClients();
        return released;
    }

    private Map<String, ExecutionStatus> statusesOf(List<String> ids) {
        Map<String, ExecutionStatus> statuses = new HashMap<>();
        for (Document execution : executions.find(Filters.in(ExecutionMapper.ID, ids)).projection(Projections.include(ExecutionMapper.STATUS))) {
            statuses.put(execution.getString(ExecutionMapper.ID), ExecutionStatus.of(execution.getString(ExecutionMapper.STATUS)));
        }
        return statuses;
    }
}
