package io.integr8scode.execution;

import com.mongodb.client.model.Filters;
import io.integr8scode.security.Caller;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Who may see which executions, as MongoDB filters, so ownership is enforced by the query itself: an
 * anonymous execution is readable by anyone who has its id, a user's only by that user, and an admin
 * sees all. Someone else's execution simply is not found (404).
 */
@Component("executionFilters")
public class ExecutionFilters {

    public Bson visibleById(String executionId, Caller caller) {
        return visible(Filters.eq(ExecutionMapper.ID, executionId), caller);
    }

    /** The executions of a batch the caller may see, by the same rule as one by its id. */
    public Bson visibleInBatch(String batchId, Caller caller) {
        return visible(Filters.eq(ExecutionMapper.BATCH_ID, batchId), caller);
    }

    private static Bson visible(Bson which, Caller caller) {
        if (caller.isAdmin()) {
            return which;
        }
        Bson anonymous = Filters.eq(ExecutionMapper.OWNER_ID, null);
        return Filters.and(which, caller.isAnonymous() ? anonymous : Filters.or(anonymous, Filters.eq(ExecutionMapper.OWNER_ID, caller.userId())));
    }

    /** The executions a caller's listing shows: their own, or everyone's for an admin. */
    public Bson listedFor(Caller caller) {
        return caller.isAdmin() ? new Document() : Filters.eq(ExecutionMapper.OWNER_ID, caller.userId());
    }
}
