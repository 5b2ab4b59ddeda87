package io.integr8scode.quota;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The rate limit an HTTP submission passes before it is queued (users by id, anonymous callers by address,
 * both as the caller's client key). The cap on its unfinished executions is kept by {@code holds.ExecutionHolds}.
 */
@Component("submissionQuota")
public class SubmissionQuota {

    private final ClientRateLimiter rateLimiter;

    SubmissionQuota(@Qualifier("submissionRateLimiter") ClientRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    public void acquire(String clientKey) {
        rateLimiter.acquire(clientKey);
    }

    /** A batch counts as its number of submissions, taken all at once or refused as a whole. */
    public void acquireBatch(String clientKey, int submissions) {
        rateLimiter.acquire(clientKey, submissions);
    }
}
