package io.integr8scode.sandbox;

/**
 * Everything one sandbox runs under: the job's limits plus the platform's own. The local OCI bundle
 * ({@link OciBundleConfig}) and the Kubernetes pod ({@code ExecutionPodFactory}) are both built from it, so the two
 * sandboxes are twins by construction. Sizes are in MB (MiB, as {@code memory_mb}), times in seconds.
 *
 * @param limits           time, memory and CPU of this job
 * @param tmpSizeMb        the writable /tmp: a tmpfs locally, an emptyDir {@code sizeLimit} in a pod
 * @param pidsLimit        processes: the cgroup's pids.max locally, the kubelet's {@code podPidsLimit} for pods
 * @param openFilesLimit   RLIMIT_NOFILE of the script
 * @param uid              the non-root user the script runs as
 * @param gid              its group
 * @param killGraceSeconds how long past the time limit the sandbox is killed from outside (the bootstrap stops the
 *                         script at the limit itself; this is the backstop)
 * @param outputLimitMb    cap on stdout and on stderr, each
 * @param artifactLimits   caps on the files collected from the output folder
 */
public record SandboxSpec(
        ExecutionLimits limits,
        int tmpSizeMb,
        int pidsLimit,
        int openFilesLimit,
        int uid,
        int gid,
        int killGraceSeconds,
        int outputLimitMb,
        ArtifactLimits artifactLimits) {

    public long memoryBytes() {
        return bytes(limits.memoryMb());
    }

    public long tmpSizeBytes() {
        return bytes(tmpSizeMb);
    }

    public long outputLimitBytes() {
        return bytes(outputLimitMb);
    }

    /** MB as this project counts them (MiB, like {@code memory_mb} and a pod's {@code Mi}). */
    static long bytes(int megabytes) {
        return megabytes * 1024L * 1024L;
    }

    /** When the sandbox is killed from outside, counted from its start: the time limit plus the grace. */
    public long killAfterSeconds() {
        return (long) limits.timeoutSeconds() + killGraceSeconds;
    }
}
