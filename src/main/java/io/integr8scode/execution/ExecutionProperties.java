package io.integr8scode.execution;

import io.integr8scode.sandbox.ExecutionLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits, size caps and capacity of executions; defaults live in application.yaml. */
@ConfigurationProperties("integr8scode.executions")
public record ExecutionProperties(
        LimitSettings defaultLimits,
        LimitSettings maxLimits,
        LimitSettings anonymousMaxLimits,
        int scriptMaxBytes,
        int stdinMaxBytes,
        int maxQueued,
        int slots,
        boolean dispatchEnabled) {

    /** The ceiling a caller's request is checked against: anonymous callers get the lower one. */
    public LimitSettings maxLimitsFor(boolean anonymous) {
        return anonymous ? anonymousMaxLimits : maxLimits;
    }

    public record LimitSettings(int timeoutSeconds, int memoryMb, int cpuMillicores) {
        ExecutionLimits toLimits() {
            return new ExecutionLimits(timeoutSeconds, memoryMb, cpuMillicores);
        }
    }
}
