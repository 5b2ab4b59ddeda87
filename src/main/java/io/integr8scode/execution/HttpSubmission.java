package io.integr8scode.execution;

/**
 * A submission over HTTP: the checked request, and where its finished execution is to be posted (the
 * {@code callback_url} as given, null for none; the {@code webhooks} package checks it).
 */
public record HttpSubmission(ExecutionRequest request, String callbackUrl) {
}
