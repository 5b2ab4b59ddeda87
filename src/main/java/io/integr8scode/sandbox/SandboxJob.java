package io.integr8scode.sandbox;


/** One script to run once in a fresh sandbox. {@code stdin} may be empty but never null. */
public record SandboxJob(String executionId, String script, String stdin, ExecutionLimits limits) {
}
