package io.integr8scode.sandbox;


import java.nio.file.Path;
import java.util.Map;

/**
 * Everything that varies between two sandboxes' {@code config.json}; {@link OciBundleConfig} turns it into the
 * document.
 *
 * @param containerId    the runtime's container id, also the cgroup's name
 * @param rootfs         the shared, read-only base root filesystem
 * @param sandboxFiles   the per-run directory with the bootstrap, the script and stdin, mounted read-only at
 *                       {@link OciBundleConfig#SANDBOX_DIR}
 * @param limits         time, memory and CPU limits of the run
 * @param pidsLimit      max processes
 * @param tmpSizeBytes   size of the tmpfs /tmp (and /dev/shm)
 * @param openFilesLimit RLIMIT_NOFILE
 * @param bootstrapEnv   protocol variables for the bootstrap, added to the fixed minimal environment
 * @param architecture   {@code os.arch} of the host, for the seccomp filter
 */
record BundleSpec(
        String containerId,
        Path rootfs,
        Path sandboxFiles,
        ExecutionLimits limits,
        int pidsLimit,
        long tmpSizeBytes,
        int openFilesLimit,
        Map<String, String> bootstrapEnv,
        String architecture) {
}
