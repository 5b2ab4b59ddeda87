package io.integr8scode.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * Settings of the local OCI sandbox, bound from {@code integr8scode.sandbox.*}. Every field has a default, so a
 * missing (null or zero) value means "the default".
 *
 * @param runtime           OCI runtime: {@code runc} (default), {@code crun} or {@code runsc} (gVisor)
 * @param dataDir           where the shared base rootfs and the per-run bundles live (default {@code data/sandbox})
 * @param stateDir          the runtime's private state root (default {@code /run/integr8scode/<runtime>})
 * @param pidsLimit         max processes per sandbox (default 96; runsc needs at least 64 to start)
 * @param tmpSize           size of the writable tmpfs /tmp (default 16MB)
 * @param outputLimit       cap on stdout and on stderr, each (default 1MB)
 * @param openFilesLimit    RLIMIT_NOFILE inside the sandbox (default 256)
 * @param graceSeconds      how long past the time limit the runner waits before killing the container itself
 *                          (default 5)
 * @param maxConcurrentRuns runs allowed at once in this process; more wait (default 4)
 * @param runscPlatform     gVisor platform (default {@code ptrace}; KVM hangs on these machines)
 */
@ConfigurationProperties("integr8scode.sandbox")
public record SandboxProperties(
        String runtime,
        Path dataDir,
        Path stateDir,
        int pidsLimit,
        DataSize tmpSize,
        DataSize outputLimit,
        int openFilesLimit,
        int graceSeconds,
        int maxConcurrentRuns,
        String runscPlatform) {

    public SandboxProperties {
        runtime = runtime == null || runtime.isBlank() ? "runc" : runtime.trim();
        dataDir = (dataDir == null ? Path.of("data", "sandbox") : dataDir).toAbsolutePath().normalize();
        stateDir = (stateDir == null ? Path.of("/run/integr8scode", runtime) : stateDir).toAbsolutePath().normalize();
        pidsLimit = pidsLimit > 0 ? pidsLimit : 96;
        tmpSize = tmpSize == null ? DataSize.ofMegabytes(16) : tmpSize;
        outputLimit = outputLimit == null ? DataSize.ofMegabytes(1) : outputLimit;
        openFilesLimit = openFilesLimit > 0 ? openFilesLimit : 256;
        graceSeconds = graceSeconds > 0 ? graceSeconds : 5;
        maxConcurrentRuns = maxConcurrentRuns > 0 ? maxConcurrentRuns : 4;
        runscPlatform = runscPlatform == null || runscPlatform.isBlank() ? "ptrace" : runscPlatform.trim();
    }

    /** All defaults, with the runtime's files under {@code dataDir}: what tests and tools start from. */
    public static SandboxProperties defaults(String runtime, Path dataDir) {
        return new SandboxProperties(runtime, dataDir, dataDir.resolve("state"), 0, null, null, 0, 0, 0, null);
    }
}
