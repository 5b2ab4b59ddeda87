package io.integr8scode.idempotency;

/**
 * What a request's {@code Idempotency-Key} decided: create the resource with {@code resourceId} (a new request,
 * or one without a key: {@code documentId} null), or answer with the first request's {@code resourceId}
 * ({@code replay}).
 */
public record IdempotencyClaim(String documentId, String resourceId, boolean replay) {
}
