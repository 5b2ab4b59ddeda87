package io.integr8scode.compat;

/**
 * A refusal as a drop-in API words it: its status, its own JSON body ({@code {"error": ...}} for Judge0,
 * {@code {"message": ...}} for Piston, Judge0's field errors) and, for 429 and 503, seconds for Retry-After.
 */
public record CompatRefusal(int status, Object body, Long retryAfterSeconds) {
}
