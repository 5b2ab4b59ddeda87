package io.integr8scode.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a sandbox's OCI {@code config.json} from a {@link BundleSpec}: a pure function, so every hardening
 * choice is visible here and checked by a snapshot test. It is the local twin of the pod spec.
 */
final class OciBundleConfig {

    static final String SANDBOX_DIR = "/sandbox";
    static final String BOOTSTRAP_FILE = "bootstrap.py";
    static final String SCRIPT_FILE = "script.py";
    static final String STDIN_FILE = "stdin";
    static final int NOBODY = 65534;
    static final String CGROUP_PARENT = "integr8scode";
    static final long CPU_PERIOD_MICROS = 100_000;

    private OciBundleConfig() {
    }

    static Map<String, Object> build(BundleSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        config.put("process", process(spec));
        config.put("root", Map.of("path", spec.rootfs().toString(), "readonly", true));
        config.put("hostname", "sandbox");
        config.put("mounts", mounts(spec));
        config.put("linux", linux(spec));
        return config;
    }

    private static Map<String, Object> process(BundleSpec spec) {
        List<String> noCapabilities = List.of();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", Map.of("uid", NOBODY, "gid", NOBODY));
        // -S: the bootstrap needs no site-packages; it starts the script itself (see bootstrap.py).
        process.put("args", List.of("/usr/bin/python3", "-I", "-S", SANDBOX_DIR + "/" + BOOTSTRAP_FILE));
        process.put("env", environment(spec));
        process.put("cwd", "/tmp");
        process.put("capabilities", Map.of("bounding", noCapabilities, "effective", noCapabilities,
                "inheritable", noCapabilities, "permitted", noCapabilities, "ambient", noCapabilities));
        process.put("rlimits", List.of(
                rlimit("RLIMIT_CORE", 0),
                rlimit("RLIMIT_NOFILE", spec.openFilesLimit())));
        process.put("noNewPrivileges", true);
        return process;
    }

    private static List<String> environment(BundleSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", "/tmp");
        env.put("TMPDIR", "/tmp");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.putAll(spec.bootstrapEnv());
        env.put(BootstrapProtocol.ENV_SCRIPT_FILE, SANDBOX_DIR + "/" + SCRIPT_FILE);
        env.put(BootstrapProtocol.ENV_STDIN_FILE, SANDBOX_DIR + "/" + STDIN_FILE);
        return env.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    }

    private static Map<String, Object> rlimit(String type, long value) {
        return Map.of("type", type, "hard", value, "soft", value);
    }

    private static List<Map<String, Object>> mounts(BundleSpec spec) {
        String tmpSize = "size=" + spec.tmpSizeBytes();
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
        mounts.add(mount("/dev/pts", "devpts", "devpts",
                "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", tmpSize));
        // Plain "bind", never "rbind": with rbind, "ro" would not reach submounts.
        mounts.add(mount("/usr", "bind", "/usr", "bind", "ro", "nosuid", "nodev"));
        mounts.add(mount(SANDBOX_DIR, "bind", spec.sandboxFiles().toString(), "bind", "ro", "nosuid", "nodev", "noexec"));
        // mode= only takes effect because the base rootfs already has /tmp at 1777 (a runc quirk).
        mounts.add(mount("/tmp", "tmpfs", "tmpfs", "nosuid", "nodev", "noexec", "mode=1777", tmpSize));
        return mounts;
    }

    private static Map<String, Object> mount(String destination, String type, String source, String... options) {
        return Map.of("destination", destination, "type", type, "source", source, "options", List.of(options));
    }

    private static Map<String, Object> linux(BundleSpec spec) {
        long memoryBytes = spec.limits().memoryMb() * 1024L * 1024L;
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("devices", List.of(Map.of("allow", false, "access", "rwm")));
        // swap = limit: memory+swap may not exceed memory, so the sandbox never swaps.
        resources.put("memory", Map.of("limit", memoryBytes, "swap", memoryBytes));
        resources.put("cpu", Map.of("quota", spec.limits().cpuMillicores() * CPU_PERIOD_MICROS / 1000,
                "period", CPU_PERIOD_MICROS));
        resources.put("pids", Map.of("limit", spec.pidsLimit()));

        Map<String, Object> linux = new LinkedHashMap<>();
        linux.put("resources", resources);
        linux.put("cgroupsPath", "/" + CGROUP_PARENT + "/" + spec.containerId());
        linux.put("namespaces", List.of("pid", "network", "ipc", "uts", "mount", "cgroup").stream()
                .map(type -> Map.of("type", type)).toList());
        linux.put("maskedPaths", List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
                "/proc/scsi", "/sys/firmware"));
        linux.put("readonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                "/proc/sysrq-trigger"));
        linux.put("seccomp", SeccompProfile.denyList(spec.architecture()));
        return linux;
    }
}
