package io.integr8scode.sandbox;

import java.nio.file.Path;

/**
 * Everything that varies between two sandboxes' {@code config.json}; {@link OciBundleConfig} turns it into the
 * document.
 *
 * @param containerId  the runtime's container id, also the cgroup's name
 * @param rootfs       the sandbox image's root file system, shared by every sandbox, read-only
 * @param sandboxFiles the per-run directory with the bootstrap, the script and stdin, mounted read-only at
 *                     {@link OciBundleConfig#SANDBOX_DIR}
 * @param sandbox      the limits and settings the run gets, the same a pod would get
 * @param architecture {@code os.arch} of the host, for the seccomp filter
 * @param runtime      the runtime that reads it: gVisor reads the seccomp filter its own way
 * @param warm         a pooled sandbox: its bootstrap waits for the job on stdin instead of reading files
 */
record BundleSpec(
        String containerId,
        Path rootfs,
        Path sandboxFiles,
        SandboxSpec sandbox,
        String architecture,
        OciRuntime runtime,
        boolean warm) {

    /** A cold sandbox's bundle: the job's files are in it. */
    BundleSpec(String containerId, Path rootfs, Path sandboxFiles, SandboxSpec sandbox, String architecture,
               OciRuntime runtime) {
        this(containerId, rootfs, sandboxFiles, sandbox, architecture, runtime, false);
    }
}
