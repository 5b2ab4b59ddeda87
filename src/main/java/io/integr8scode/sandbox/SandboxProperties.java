package io.integr8scode.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Settings of the sandboxes, bound from {@code integr8scode.sandbox.*}; the defaults live in {@code application.yaml}
 * only, and a missing setting stops the start. The first group is shared by both runners (see {@link SandboxSpec});
 * the second concerns the local runner only; the last two locate the sandbox image (infra/sandbox-image). Sizes in
 * MB, times in seconds.
 *
 * @param tmpSizeMb         size of the writable /tmp
 * @param pidsLimit         max processes per sandbox (runsc needs at least 64 to start)
 * @param openFilesLimit    RLIMIT_NOFILE of the script
 * @param uid               the user scripts run as; never root
 * @param gid               the group scripts run as; never root
 * @param killGraceSeconds  how long past its time limit a sandbox is killed from outside
 * @param outputLimitMb     cap on stdout and on stderr, each
 * @param artifacts         caps on the files a script leaves in its output folder
 * @param runtime           OCI runtime of the local runner: {@code runc}, {@code crun} or {@code runsc} (gVisor)
 * @param dataDir           where the per-run bundles live
 * @param stateDir          the runtime's private state root
 * @param maxConcurrentRuns local runs allowed at once in this process; more wait
 * @param runscPlatform     gVisor platform ({@code systrap}; {@code ptrace} dies of a fork bomb, KVM hangs here)
 * @param runscBinary       the gVisor runsc the local runner uses (built by infra/gvisor/build.sh); never looked up on
 *                          PATH, where Debian's 2022 runsc enforces neither seccomp nor the CPU quota
 * @param rootfs            the sandbox image's root file system: every local sandbox's read-only root
 * @param manifest          the sandbox image's manifest.json (Python and package versions), listed by the API under
 *                          both runners
 * @param pool              sandboxes of the local runner created ahead of time
 */
@ConfigurationProperties("integr8scode.sandbox")
public record SandboxProperties(
        int tmpSizeMb,
        int pidsLimit,
        int openFilesLimit,
        int uid,
        int gid,
        int killGraceSeconds,
        int outputLimitMb,
        Artifacts artifacts,
        String runtime,
        Path dataDir,
        Path stateDir,
        int maxConcurrentRuns,
        String runscPlatform,
        Path runscBinary,
        Path rootfs,
        Path manifest,
        Pool pool) {

    public SandboxProperties {
        requirePositive("tmp-size-mb", tmpSizeMb);
        requirePositive("pids-limit", pidsLimit);
        requirePositive("open-files-limit", openFilesLimit);
        requirePositive("uid (scripts never run as root)", uid);
        requirePositive("gid (scripts never run as root)", gid);
        requirePositive("kill-grace-seconds", killGraceSeconds);
        requirePositive("output-limit-mb", outputLimitMb);
        requirePositive("max-concurrent-runs", maxConcurrentRuns);
        runtime = required("runtime", runtime);
        runscPlatform = required("runsc-platform", runscPlatform);
        runscBinary = required("runsc-binary", runscBinary);
        dataDir = required("data-dir", dataDir);
        stateDir = required("state-dir", stateDir);
        rootfs = required("rootfs", rootfs);
        manifest = required("manifest", manifest);
        if (artifacts == null) {
            throw new IllegalArgumentException("integr8scode.sandbox.artifacts must be set");
        }
        if (pool == null) {
            throw new IllegalArgumentException("integr8scode.sandbox.pool must be set");
        }
    }

    /** The spec of one job's sandbox: its limits plus these settings. */
    public SandboxSpec specFor(ExecutionLimits limits) {
        return new SandboxSpec(limits, tmpSizeMb, pidsLimit, openFilesLimit, uid, gid, killGraceSeconds,
                outputLimitMb, artifactLimits());
    }

    public ArtifactLimits artifactLimits() {
        return new ArtifactLimits(artifacts.fileLimitKb() * 1024L, artifacts.runLimitKb() * 1024L, artifacts.maxFiles());
    }

    public long outputLimitBytes() {
        return SandboxSpec.bytes(outputLimitMb);
    }

    /**
     * Warm single-use sandboxes: created ahead of time (namespaces, cgroups, mounts, the bootstrap started and
     * waiting), each runs one job and is destroyed. An empty pool falls back to a fresh sandbox per run.
     *
     * @param enabled             whether the local runner keeps a pool at all
     * @param size                how many ready sandboxes it keeps
     * @param readyTimeoutSeconds how long a new sandbox may take to say it is ready; one that takes longer (a hung
     *                            runtime or bootstrap) is destroyed and the refill goes on
     */
    public record Pool(boolean enabled, int size, int readyTimeoutSeconds) {
        public Pool {
            if (enabled) {
                requirePositive("pool.size", size);
                requirePositive("pool.ready-timeout-seconds", readyTimeoutSeconds);
            }
        }
    }

    /**
     * Caps on the files collected from a run's output folder (sizes in KiB), in the sandbox and again outside it.
     *
     * @param fileLimitKb largest file
     * @param runLimitKb  all files of one run together
     * @param maxFiles    files per run
     */
    public record Artifacts(int fileLimitKb, int runLimitKb, int maxFiles) {
        public Artifacts {
            requirePositive("artifacts.file-limit-kb", fileLimitKb);
            requirePositive("artifacts.run-limit-kb", runLimitKb);
            requirePositive("artifacts.max-files", maxFiles);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("integr8scode.sandbox." + name + " must be set and positive");
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("integr8scode.sandbox." + name + " must be set");
        }
        return value.trim();
    }

    private static Path required(String name, Path value) {
        return Path.of(required(name, value == null ? null : value.toString())).toAbsolutePath().normalize();
    }
}
