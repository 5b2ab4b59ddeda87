package io.integr8scode.execution;

/** The hard limits one execution runs under; always fully resolved (defaults applied, maxima checked). */
public record ExecutionLimits(int timeoutSeconds, int memoryMb, int cpuMillicores) {

    /** These limits, lowered where a ceiling is below them (defaults never exceed a caller's maximum). */
    ExecutionLimits cappedAt(ExecutionProperties.LimitSettings max) {
        return new ExecutionLimits(Math.min(timeoutSeconds, max.timeoutSeconds()), Math.min(memoryMb, max.memoryMb()),
                Math.min(cpuMillicores, max.cpuMillicores()));
    }
}
