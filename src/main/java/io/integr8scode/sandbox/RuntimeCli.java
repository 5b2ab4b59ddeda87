package io.integr8scode.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Command lines for one runtime binary with our private state root, so we never see or touch others' containers. */
final class RuntimeCli {

    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(15);

    private final OciRuntime runtime;
    private final Path binary;
    private final List<String> globalArgs;

    RuntimeCli(OciRuntime runtime, Path binary, Path stateDir, String runscPlatform) {
        this.runtime = runtime;
        this.binary = binary;
        List<String> global = new ArrayList<>(List.of(binary.toString(), "--root", stateDir.toString()));
        if (runtime == OciRuntime.RUNSC) {
            global.add("--network=none");
            global.add("--platform=" + runscPlatform);
            // gVisor applies the bundle's seccomp filter inside its kernel only when asked to.
            global.add("--oci-seccomp");
            // A fresh empty network namespace per gofer: the shared one runsc would pin under --root is a mount
            // that outlives every container and keeps the state directory from being removed.
            global.add("--gofer-network-namespace=new");
        }
        this.globalArgs = List.copyOf(global);
    }

    OciRuntime runtime() {
        return runtime;
    }

    Path binary() {
        return binary;
    }

    List<String> run(Path bundleDir, String containerId) {
        return withGlobalArgs(runtime.runArgs(bundleDir.toString(), containerId));
    }

    /** SIGKILL for every process of the container: its PID 1 ignores anything softer. */
    CommandResult kill(String containerId) {
        return CommandResult.run(withGlobalArgs(List.of("kill", containerId, "KILL")), HELPER_TIMEOUT);
    }

    /** SIGTERM for the container's PID 1, the bootstrap: it stops the script and still reports (a cancel). */
    CommandResult terminate(String containerId) {
        return CommandResult.run(withGlobalArgs(List.of("kill", containerId, "TERM")), HELPER_TIMEOUT);
    }

    CommandResult forceDelete(String containerId) {
        return CommandResult.run(withGlobalArgs(runtime.forceDeleteArgs(containerId)), HELPER_TIMEOUT);
    }

    /** Ids of every container in our state root; empty when the root does not exist yet. */
    List<String> listIds() {
        CommandResult result = CommandResult.run(withGlobalArgs(runtime.listIdsArgs()), HELPER_TIMEOUT);
        return result.exitCode() == 0 ? result.stdout().lines().map(String::strip).filter(id -> !id.isEmpty()).toList()
                : List.of();
    }

    private List<String> withGlobalArgs(List<String> args) {
        List<String> command = new ArrayList<>(globalArgs);
        command.addAll(args);
        return command;
    }
}
