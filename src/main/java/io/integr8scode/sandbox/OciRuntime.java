package io.integr8scode.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The OCI runtimes we drive, and where their command lines differ. */
enum OciRuntime {
    RUNC("runc", true),
    CRUN("crun", false),
    /** gVisor: Go-style single-dash flags, no {@code --keep}. */
    RUNSC("runsc", false);

    private final String command;
    private final boolean keepsStoppedContainers;

    OciRuntime(String command, boolean keepsStoppedContainers) {
        this.command = command;
        this.keepsStoppedContainers = keepsStoppedContainers;
    }

    static OciRuntime named(String name) {
        return Arrays.stream(values())
                .filter(runtime -> runtime.command.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new SandboxUnavailableException(
                        "unknown sandbox runtime '" + name + "'; use runc, crun or runsc"));
    }

    String command() {
        return command;
    }

    /** The Debian package that ships the binary; they share its name. */
    String debianPackage() {
        return command;
    }

    /**
     * Whether {@code run} can leave the stopped container (and its cgroup) in place, so the OOM counter can be
     * read before we delete it. Without that, a SIGKILL is the only memory evidence.
     */
    boolean keepsStoppedContainers() {
        return keepsStoppedContainers;
    }

    List<String> runArgs(String bundleDir, String containerId) {
        return switch (this) {
            case RUNC -> List.of("run", "--keep", "--bundle", bundleDir, containerId);
            case CRUN -> List.of("run", "--bundle", bundleDir, containerId);
            case RUNSC -> List.of("run", "-bundle", bundleDir, containerId);
        };
    }

    List<String> forceDeleteArgs(String containerId) {
        return List.of("delete", this == RUNSC ? "-force" : "--force", containerId);
    }

    List<String> listIdsArgs() {
        return List.of("list", this == RUNSC ? "-quiet" : "-q");
    }
}
