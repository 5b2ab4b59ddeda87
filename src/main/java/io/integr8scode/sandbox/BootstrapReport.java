package io.integr8scode.sandbox;

import io.integr8scode.sandbox.SandboxResult.Outcome;
import io.integr8scode.sandbox.SandboxResult.ResourceUsage;

/**
 * The bootstrap's result frame, decoded (see {@link BootstrapProtocol}). Either {@code bootstrapError} is set
 * and nothing else is meaningful, or exactly one of {@code exitCode} and {@code signal} is set.
 */
public record BootstrapReport(
        Integer exitCode,
        Integer signal,
        boolean timedOut,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Long cpuMs,
        Long maxRssKb,
        long durationMs,
        String bootstrapError,
        Artifacts artifacts) {

    public BootstrapReport {
        artifacts = artifacts == null ? Artifacts.NONE : artifacts;
    }

    /** A report without artifacts. */
    public BootstrapReport(Integer exitCode, Integer signal, boolean timedOut, String stdout, String stderr,
                           boolean stdoutTruncated, boolean stderrTruncated, Long cpuMs, Long maxRssKb,
                           long durationMs, String bootstrapError) {
        this(exitCode, signal, timedOut, stdout, stderr, stdoutTruncated, stderrTruncated, cpuMs, maxRssKb,
                durationMs, bootstrapError, Artifacts.NONE);
    }

    static BootstrapReport failedToStart(String bootstrapError) {
        return new BootstrapReport(null, null, false, "", "", false, false, null, null, 0, bootstrapError);
    }

    /**
     * COMPLETED iff the script exited 0; TIMEOUT when the bootstrap had to stop it; otherwise FAILED, with a
     * failure reason for limit kills and signals. A plain non-zero exit has no reason: the exit code and the
     * errors say it all.
     */
    public SandboxResult toSandboxResult(RunEvidence evidence) {
        if (bootstrapError != null) {
            return SandboxResult.platformFailure("sandbox bootstrap failed: " + bootstrapError, evidence.elapsedMs());
        }
        int code = signal != null ? 128 + signal : exitCode;
        Outcome outcome = Outcome.FAILED;
        String reason = null;
        if (timedOut) {
            outcome = Outcome.TIMEOUT;
            reason = evidence.timeLimitReason();
        } else if (evidence.memoryLimitHit() && code != 0) {
            reason = evidence.memoryLimitReason();
        } else if (signal != null) {
            reason = "killed by signal " + signal;
        } else if (code == 0) {
            outcome = Outcome.COMPLETED;
        }
        return new SandboxResult(outcome, code, stdout, stderr, stdoutTruncated || stderrTruncated, reason,
                durationMs, new ResourceUsage(cpuMs, maxRssKb), artifacts);
    }
}
