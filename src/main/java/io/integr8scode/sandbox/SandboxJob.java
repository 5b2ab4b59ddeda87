package io.integr8scode.sandbox;

import io.integr8scode.execution.ExecutionLimits;

/** One script to run once in a fresh sandbox. {@code stdin} may be empty but never null. */
public record SandboxJob(String executionId, String script, String stdin, ExecutionLimits limits) {
}
