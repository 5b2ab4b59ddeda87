package io.integr8scode.quota;

import io.integr8scode.api.ApiProblem;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The limits on use an HTTP submission passes before it is queued: the client's rate (users by id, anonymous
 * callers by address, both as the caller's client key) and its number of unfinished (queued or running)
 * executions (counted by the route).
 */
@Component("submissionQuota")
public class SubmissionQuota {

    private final ClientRateLimiter rateLimiter;
    private final QuotaProperties quota;

    SubmissionQuota(@Qualifier("submissionRateLimiter") ClientRateLimiter rateLimiter, QuotaProperties quota) {
        this.rateLimiter = rateLimiter;
        this.quota = quota;
    }

    public void acquire(String clientKey) {
        rateLimiter.acquire(clientKey);
    }

    public void checkUnfinished(long unfinished, boolean anonymous) {
        int cap = anonymous ? quota.maxActivePerAnonymousClient() : quota.maxActivePerUser();
        if (unfinished >= cap) {
            throw ApiProblem.tooManyRequests("You already have " + unfinished + " executions queued or running; at most "
                    + cap + " may be unfinished at once. Wait for one to finish.", 1);
        }
    }
}
