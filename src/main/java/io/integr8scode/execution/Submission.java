package io.integr8scode.execution;

/** A submission as read, its fields of the right types but not yet checked against caps and ceilings. */
public record Submission(String script, String stdin, RequestedLimits limits) {
}
