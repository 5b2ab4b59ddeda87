package io.integr8scode.execution;

/** The hard limits one execution runs under; always fully resolved (defaults applied, maxima checked). */
public record ExecutionLimits(int timeoutSeconds, int memoryMb, int cpuMillicores) {
}
