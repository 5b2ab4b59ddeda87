package io.integr8scode.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Finds an OCI runtime binary and reports its version: the sandbox's startup and health checks. */
public final class SandboxRuntimes {

    private static final List<String> FALLBACK_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

    private SandboxRuntimes() {
    }

    /**
     * The runtime binary these settings name: runsc from {@link SandboxProperties#runscBinary()}, runc and crun from
     * PATH or the usual system directories.
     *
     * @throws SandboxUnavailableException saying how to get it when it is missing
     */
    public static Path locate(SandboxProperties properties) {
        if (OciRuntime.named(properties.runtime()) != OciRuntime.RUNSC) {
            return locate(properties.runtime());
        }
        Path runsc = properties.runscBinary();
        if (!Files.isExecutable(runsc)) {
            throw new SandboxUnavailableException("gVisor's runsc is not at " + runsc
                    + " (integr8scode.sandbox.runsc-binary); build it with infra/gvisor/build.sh");
        }
        return runsc;
    }

    /**
     * The executable for {@code runtime} ({@code runc}, {@code crun} or {@code runsc}) on PATH or in the usual
     * system directories.
     *
     * @throws SandboxUnavailableException naming the Debian package to install when it is missing
     */
    public static Path locate(String runtime) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(FALLBACK_DIRS);
        return locate(runtime, dirs);
    }

    static Path locate(String runtime, List<String> dirs) {
        OciRuntime known = OciRuntime.named(runtime);
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, known.command()))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new SandboxUnavailableException("the sandbox runtime '" + known.command()
                        + "' is not installed; install it with: apt-get install " + known.debianPackage()));
    }

    /** The first line of {@code <binary> --version}, e.g. {@code runc version 1.1.5+ds1}. */
    public static String version(Path binary) {
        CommandResult result = CommandResult.run(List.of(binary.toString(), "--version"), Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new SandboxUnavailableException(binary + " --version failed: " + result.problem());
        }
        return result.stdout().strip().lines().findFirst().orElse("unknown version");
    }
}
