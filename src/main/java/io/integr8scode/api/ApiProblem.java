package io.integr8scode.api;

/**
 * A refusal the caller can act on: rendered as RFC 9457 problem+json over HTTP and as an error
 * reply on the queue. The message is the problem's detail and is safe to show to users.
 */
public class ApiProblem extends RuntimeException {

    /** A store or broker outage is rarely shorter than this. */
    private static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    private final int status;
    private final String title;
    /** For 429 and 503: seconds until a retry may succeed, sent as the Retry-After header; otherwise null. */
    private final Long retryAfterSeconds;

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    private ApiProblem(int status, String title, String detail, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Invalid request", detail);
    }

    /** A URL or parameter refused before it was read (an encoded slash, percent or semicolon, "..", ...). */
    public static ApiProblem urlRejected() {
        return badRequest("The URL or its parameters hold characters this server does not accept "
                + "(an encoded '/', '%' or ';', '..', a control or unassigned character).");
    }

    public static ApiProblem methodNotAllowed(String method) {
        return new ApiProblem(405, "Method not allowed", "The method " + method + " is not allowed here.");
    }

    public static ApiProblem notFound(String title, String detail) {
        return new ApiProblem(404, title, detail);
    }

    public static ApiProblem tooLarge(String detail) {
        return new ApiProblem(413, "Payload too large", detail);
    }

    public static ApiProblem unsupportedMediaType(String contentType) {
        return new ApiProblem(415, "Unsupported media type",
                "Send the request as application/json" + (contentType == null ? "." : ", not " + contentType + "."));
    }

    public static ApiProblem queueFull(int maxQueued, long retryAfterSeconds) {
        return new ApiProblem(503, "Queue full",
                "There are already " + maxQueued + " executions waiting; try again shortly.", retryAfterSeconds);
    }

    /** The store (MongoDB) failed or did not answer: nothing the caller did wrong, and worth retrying. */
    public static ApiProblem storeUnavailable() {
        return new ApiProblem(503, "Service unavailable", "The execution store is not answering; try again shortly.",
                UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    /** The work queue (the broker) did not take the execution; nothing was stored. */
    public static ApiProblem queueUnavailable() {
        return new ApiProblem(503, "Service unavailable", "The work queue is not answering; try again shortly.",
                UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    /** The app is up but its routes are not yet: nothing can be served until they are. */
    public static ApiProblem starting() {
        return new ApiProblem(503, "Starting", "The service is starting; try again in a few seconds.",
                UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    public static ApiProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiProblem(429, "Too many requests", detail, Math.max(1, retryAfterSeconds));
    }

    /** A 429 for a client that has its cap of unfinished executions (not its rate limit): counted apart. */
    public static ApiProblem capReached(String detail, long retryAfterSeconds) {
        return new CapReached(detail, Math.max(1, retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whether this is {@link #capReached}: the metrics tell a full cap from a rate limit. */
    public boolean isCapReached() {
        return this instanceof CapReached;
    }

    private static final class CapReached extends ApiProblem {
        CapReached(String detail, long retryAfterSeconds) {
            super(429, "Too many requests", detail, retryAfterSeconds);
        }
    }
}
