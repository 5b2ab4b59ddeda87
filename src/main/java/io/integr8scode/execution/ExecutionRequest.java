package io.integr8scode.execution;

import io.integr8scode.sandbox.ExecutionLimits;

/** A validated submission: script and stdin within their caps, limits resolved against the configuration. */
public record ExecutionRequest(String script, String stdin, ExecutionLimits limits) {
}
