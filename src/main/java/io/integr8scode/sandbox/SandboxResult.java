package io.integr8scode.sandbox;

/**
 * What a sandbox run produced. The outcome is final: COMPLETED means exit 0, FAILED a non-zero exit, a
 * limit kill or a platform error (then {@code failureReason} says which), TIMEOUT the wall-time limit.
 * {@code exitCode} is null when the script never ran. {@code artifacts} are the files the script left in its output
 * folder (none when it never ran).
 */
public record SandboxResult(
        Outcome outcome,
        Integer exitCode,
        String output,
        String errors,
        boolean outputTruncated,
        String failureReason,
        long durationMs,
        ResourceUsage usage,
        Artifacts artifacts) {

    public SandboxResult {
        artifacts = artifacts == null ? Artifacts.NONE : artifacts;
    }

    /** A result without artifacts. */
    public SandboxResult(Outcome outcome, Integer exitCode, String output, String errors, boolean outputTruncated,
                         String failureReason, long durationMs, ResourceUsage usage) {
        this(outcome, exitCode, output, errors, outputTruncated, failureReason, durationMs, usage, Artifacts.NONE);
    }

    public enum Outcome { COMPLETED, FAILED, TIMEOUT }

    /** Resource use of the script as the bootstrap measured it; fields are null when unknown. */
    public record ResourceUsage(Long cpuTimeMs, Long maxRssKb) {
        public static final ResourceUsage UNKNOWN = new ResourceUsage(null, null);
    }

    public static SandboxResult platformFailure(String reason, long durationMs) {
        return new SandboxResult(Outcome.FAILED, null, "", "", false, reason, durationMs, ResourceUsage.UNKNOWN);
    }
}
