package io.integr8scode.sandbox;

/**
 * The hard limits one execution runs under; always fully resolved (defaults applied, maxima checked). Lives next
 * to the sandboxes that enforce it, so {@code sandbox} and {@code kubernetes} need nothing from {@code execution}.
 */
public record ExecutionLimits(int timeoutSeconds, int memoryMb, int cpuMillicores) {

    /** These limits, lowered where a ceiling is below them (defaults never exceed a caller's maximum). */
    public ExecutionLimits cappedAt(ExecutionLimits max) {
        return new ExecutionLimits(Math.min(timeoutSeconds, max.timeoutSeconds()), Math.min(memoryMb, max.memoryMb()),
                Math.min(cpuMillicores, max.cpuMillicores()));
    }
}
