package io.integr8scode.limits;

import com.mongodb.client.model.Filters;
import io.integr8scode.execution.ApiProblem;
import io.integr8scode.execution.ExecutionStatus;
import io.integr8scode.security.Caller;
import io.integr8scode.security.Callers;
import org.apache.camel.ExchangeProperty;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The limits an HTTP submission passes before it is queued: the client's rate (users by id, anonymous
 * callers by address) and its number of unfinished (queued or running) executions.
 */
@Component("submissionLimits")
public class SubmissionLimits {

    private final ClientRateLimiter rateLimiter;
    private final LimitProperties limits;

    SubmissionLimits(@Qualifier("submissionRateLimiter") ClientRateLimiter rateLimiter, LimitProperties limits) {
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    public void acquire(@ExchangeProperty(Callers.PROPERTY) Caller caller) {
        rateLimiter.acquire(caller.clientKey());
    }

    /** Filter for the caller's unfinished executions, counted by the route. */
    public Bson unfinished(@ExchangeProperty(Callers.PROPERTY) Caller caller) {
        return Filters.and(Filters.eq("client_key", caller.clientKey()),
                Filters.in("status", ExecutionStatus.QUEUED.value(), ExecutionStatus.RUNNING.value()));
    }

    public void checkUnfinished(long unfinished, @ExchangeProperty(Callers.PROPERTY) Caller caller) {
        int cap = caller.isAnonymous() ? limits.maxActivePerAnonymousClient() : limits.maxActivePerUser();
        if (unfinished >= cap) {
            throw ApiProblem.tooManyRequests("You already have " + unfinished + " executions queued or running; at most "
                    + cap + " may be unfinished at once. Wait for one to finish.", 1);
        }
    }
}
