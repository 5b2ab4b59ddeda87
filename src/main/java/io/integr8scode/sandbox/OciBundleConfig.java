package io.integr8scode.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.integr8scode.sandbox.JsonObjects.object;

/**
 * Builds a sandbox's OCI {@code config.json} from a {@link BundleSpec}: a pure function, so every hardening
 * choice is visible here and checked by a snapshot test. It is the local twin of the pod spec.
 */
final class OciBundleConfig {

    static final String SANDBOX_DIR = "/sandbox";
    static final String BOOTSTRAP_FILE = "bootstrap.py";
    static final String SCRIPT_FILE = "script.py";
    static final String STDIN_FILE = "stdin";
    static final String CGROUP_PARENT = "integr8scode";
    static final long CPU_PERIOD_MICROS = 100_000;
    /**
     * Under gVisor the host's pids.max counts gVisor's own threads, about three per process of the script plus some
     * thirty, and a sandbox that hits it dies whole. gVisor's kernel enforces RLIMIT_NPROC per user inside the
     * sandbox, where the script's user is alone: so the script gets a sixth of the pids limit as processes (16 of
     * 96), and meets EAGAIN on fork as under runc. Under runc and crun RLIMIT_NPROC would count every process of
     * that uid on the host, other sandboxes' too, so there the cgroup alone limits processes.
     */
    static final int RUNSC_PIDS_PER_PROCESS = 6;
    /**
     * Where the bundle mounts over the image's root: each must already exist in the image, or runc would create it
     * inside the root that every sandbox shares. /dev/pts and /dev/shm land inside the /dev tmpfs.
     */
    static final List<String> ROOT_MOUNT_POINTS = List.of("/proc", "/dev", SANDBOX_DIR, "/tmp");

    private OciBundleConfig() {
    }

    static Map<String, Object> build(BundleSpec spec) {
        return object(
                "ociVersion", "1.0.2",
                "process", process(spec),
                "root", object("path", spec.rootfs().toString(), "readonly", true),
                "hostname", "sandbox",
                "mounts", mounts(spec),
                "linux", linux(spec));
    }

    private static Map<String, Object> process(BundleSpec spec) {
        List<String> none = List.of();
        List<String> bootstrapCaps = BootstrapProtocol.BOOTSTRAP_CAPABILITIES.stream().map(cap -> "CAP_" + cap)
                .toList();
        SandboxSpec sandbox = spec.sandbox();
        return object(
                "terminal", false,
                // The bootstrap's identity; it runs the script as sandbox.uid()/gid() with no capabilities at all.
                "user", object("uid", BootstrapProtocol.BOOTSTRAP_UID, "gid", BootstrapProtocol.BOOTSTRAP_GID),
                // No -S: the script runs in a fork of this interpreter (bootstrap.py, run_script_here) and needs
                // site-packages; importing site here takes it off a warm sandbox's critical path.
                "args", List.of("/usr/bin/python3", "-I", SANDBOX_DIR + "/" + BOOTSTRAP_FILE),
                "env", environment(spec),
                "cwd", "/tmp",
                "capabilities", object("bounding", bootstrapCaps, "effective", bootstrapCaps, "inheritable", none,
                        "permitted", bootstrapCaps, "ambient", none),
                "rlimits", rlimits(spec),
                "noNewPrivileges", true);
    }

    private static List<String> environment(BundleSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", "/tmp");
        env.put("TMPDIR", "/tmp");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.putAll(BootstrapProtocol.limitsEnvironment(spec.sandbox()));
        if (spec.warm()) {
            env.put(BootstrapProtocol.ENV_JOB_ON_STDIN, "1");
        } else {
            env.put(BootstrapProtocol.ENV_SCRIPT_FILE, SANDBOX_DIR + "/" + SCRIPT_FILE);
            env.put(BootstrapProtocol.ENV_STDIN_FILE, SANDBOX_DIR + "/" + STDIN_FILE);
        }
        return env.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    }

    private static List<Map<String, Object>> rlimits(BundleSpec spec) {
        List<Map<String, Object>> rlimits = new ArrayList<>(List.of(rlimit("RLIMIT_CORE", 0),
                rlimit("RLIMIT_NOFILE", spec.sandbox().openFilesLimit())));
        if (spec.runtime() == OciRuntime.RUNSC) {
            rlimits.add(rlimit("RLIMIT_NPROC", spec.sandbox().pidsLimit() / RUNSC_PIDS_PER_PROCESS));
        }
        return rlimits;
    }

    private static Map<String, Object> rlimit(String type, long value) {
        return object("type", type, "hard", value, "soft", value);
    }

    private static List<Map<String, Object>> mounts(BundleSpec spec) {
        String tmpSize = "size=" + spec.sandbox().tmpSizeBytes();
        return List.of(
                mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
                mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"),
                mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", tmpSize),
                // Plain "bind", never "rbind": with rbind, "ro" would not reach submounts.
                mount(SANDBOX_DIR, "bind", spec.sandboxFiles().toString(), "bind", "ro", "nosuid", "nodev", "noexec"),
                // mode= only takes effect because the image's /tmp already has mode 1777 (a runc quirk).
                mount("/tmp", "tmpfs", "tmpfs", "nosuid", "nodev", "noexec", "mode=1777", tmpSize));
    }

    private static Map<String, Object> mount(String destination, String type, String source, String... options) {
        return object("destination", destination, "type", type, "source", source, "options", List.of(options));
    }

    private static Map<String, Object> linux(BundleSpec spec) {
        SandboxSpec sandbox = spec.sandbox();
        long memoryBytes = sandbox.memoryBytes();
        return object(
                "resources", object(
                        "devices", List.of(object("allow", false, "access", "rwm")),
                        // swap = limit: memory+swap may not exceed memory, so the sandbox never swaps.
                        "memory", object("limit", memoryBytes, "swap", memoryBytes),
                        "cpu", object("quota", sandbox.limits().cpuMillicores() * CPU_PERIOD_MICROS / 1000,
                                "period", CPU_PERIOD_MICROS),
                        "pids", object("limit", sandbox.pidsLimit())),
                "cgroupsPath", "/" + CGROUP_PARENT + "/" + spec.containerId(),
                "namespaces", Stream.of("pid", "network", "ipc", "uts", "mount", "cgroup")
                        .map(type -> object("type", type)).toList(),
                "maskedPaths", List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                        "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
                        "/proc/scsi", "/sys/firmware"),
                "readonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                "seccomp", SeccompProfile.denyList(spec.architecture(), spec.runtime()));
    }
}
