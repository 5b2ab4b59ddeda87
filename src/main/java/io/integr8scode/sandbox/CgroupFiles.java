package io.integr8scode.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our sandboxes' cgroups as the host sees them: {@code <root>/<controller>/integr8scode/<id>} on cgroup v1,
 * {@code <root>/integr8scode/<id>} (and the hybrid {@code unified/}) on cgroup v2.
 */
final class CgroupFiles {

    private static final int REMOVE_ATTEMPTS = 20;

    private final Path root;

    CgroupFiles(Path root) {
        this.root = root;
    }

    /**
     * Whether the kernel OOM-killed something in the container: v1 {@code memory.oom_control} or v2
     * {@code memory.events} counts an {@code oom_kill}. Must be read before the container is deleted.
     */
    boolean oomKilled(String containerId) {
        return counter(root.resolve("memory").resolve(OciBundleConfig.CGROUP_PARENT).resolve(containerId)
                .resolve("memory.oom_control"), "oom_kill") > 0
                || counter(root.resolve(OciBundleConfig.CGROUP_PARENT).resolve(containerId)
                .resolve("memory.events"), "oom_kill") > 0;
    }

    /**
     * Whether the container's memory use ever ran into its limit (cgroup v1 failcnt). Evidence for a sandbox
     * killed before it could report, when the OOM kill counter is absent on this kernel.
     */
    boolean memoryLimitReached(String containerId) {
        Path dir = root.resolve("memory").resolve(OciBundleConfig.CGROUP_PARENT).resolve(containerId);
        return number(dir.resolve("memory.memsw.failcnt")) > 0 || number(dir.resolve("memory.failcnt")) > 0;
    }

    /**
     * Sets a created container's memory (swap included, so it never swaps), CPU quota and pids limit: what
     * {@code runc update} does, without starting a process. Written by hand because a warm sandbox was created
     * with the pool's limits and gets the job's just before its script starts.
     */
    void applyLimits(String containerId, SandboxSpec spec) throws IOException {
        long memory = spec.memoryBytes();
        long quota = spec.limits().cpuMillicores() * OciBundleConfig.CPU_PERIOD_MICROS / 1000;
        Path v1Memory = v1(containerId, "memory");
        if (Files.isDirectory(v1Memory)) {
            // v1 wants memory <= memory+swap at every moment: raise memsw first, or lower memory first.
            Path limit = v1Memory.resolve("memory.limit_in_bytes");
            Path memsw = v1Memory.resolve("memory.memsw.limit_in_bytes");
            boolean hasSwapAccounting = Files.exists(memsw);
            if (hasSwapAccounting && memory > number(limit)) {
                write(memsw, memory);
            }
            write(limit, memory);
            if (hasSwapAccounting) {
                write(memsw, memory);
            }
            write(v1(containerId, "cpu").resolve("cpu.cfs_quota_us"), quota);
            write(v1(containerId, "pids").resolve("pids.max"), spec.pidsLimit());
            return;
        }
        Path v2 = root.resolve(OciBundleConfig.CGROUP_PARENT).resolve(containerId);
        write(v2.resolve("memory.max"), memory);
        write(v2.resolve("memory.swap.max"), 0);
        Files.writeString(v2.resolve("cpu.max"), quota + " " + OciBundleConfig.CPU_PERIOD_MICROS);
        write(v2.resolve("pids.max"), spec.pidsLimit());
    }

    private Path v1(String containerId, String controller) {
        return root.resolve(controller).resolve(OciBundleConfig.CGROUP_PARENT).resolve(containerId);
    }

    private static void write(Path file, long value) throws IOException {
        Files.writeString(file, Long.toString(value));
    }

    /** Every directory that holds one of our containers' cgroups, in any hierarchy. */
    List<Path> containerDirs() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path parent : parents()) {
            if (Files.isDirectory(parent)) {
                try (Stream<Path> children = Files.list(parent)) {
                    children.filter(Files::isDirectory).forEach(dirs::add);
                }
            }
        }
        return dirs;
    }

    /** The folder our containers' cgroups live in, in every hierarchy (that has one or not). */
    private List<Path> parents() throws IOException {
        List<Path> parents = new ArrayList<>();
        parents.add(root.resolve(OciBundleConfig.CGROUP_PARENT));
        if (Files.isDirectory(root)) {
            try (Stream<Path> hierarchies = Files.list(root)) {
                hierarchies.map(hierarchy -> hierarchy.resolve(OciBundleConfig.CGROUP_PARENT)).forEach(parents::add);
            }
        }
        return parents;
    }

    /**
     * Removes what is left of one of our containers' cgroups after its runtime deleted it: a runtime whose foreground
     * process was killed (a warm sandbox destroyed while it waited) leaves its empty folders in some v1 hierarchies.
     */
    void removeContainer(String containerId) throws IOException, InterruptedException {
        for (Path parent : parents()) {
            Path dir = parent.resolve(containerId);
            if (Files.isDirectory(dir)) {
                killAndRemove(dir);
            }
        }
    }

    /**
     * Removes an empty cgroup folder that nothing has created or removed anything in since {@code cutoff}; never kills.
     * False when it is younger, holds processes or child cgroups, or the kernel refuses (someone joined it just now).
     */
    boolean removeIfAbandoned(Path cgroupDir, Instant cutoff) {
        try {
            if (Files.getLastModifiedTime(cgroupDir).toInstant().isAfter(cutoff) || !members(cgroupDir).isEmpty()) {
                return false;
            }
            try (Stream<Path> entries = Files.list(cgroupDir)) {
                if (entries.anyMatch(Files::isDirectory)) {
                    return false;
                }
            }
            Files.delete(cgroupDir);
            return true;
        } catch (IOException | RuntimeException busyOrGone) {
            return false;
        }
    }

    /** Kills whatever still runs in a cgroup and removes it; false if it could not be removed. */
    boolean killAndRemove(Path cgroupDir) throws InterruptedException {
        for (int attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
            try {
                killMembers(cgroupDir);
                Files.deleteIfExists(cgroupDir);
                return true;
            } catch (IOException busy) {
                Thread.sleep(50); // SIGKILLed members take a moment to leave the cgroup
            }
        }
        return false;
    }

    private static void killMembers(Path cgroupDir) throws IOException {
        for (long pid : members(cgroupDir)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static List<Long> members(Path cgroupDir) throws IOException {
        Path procs = cgroupDir.resolve("cgroup.procs");
        if (!Files.exists(procs)) {
            return List.of();
        }
        return Files.readAllLines(procs).stream().filter(pid -> !pid.isBlank()).map(pid -> Long.parseLong(pid.strip()))
                .toList();
    }

    private static long number(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | NumberFormatException absent) {
            return 0;
        }
    }

    private static long counter(Path file, String name) {
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.strip().split("\\s+"))
                    .filter(fields -> fields.length == 2 && fields[0].equals(name))
                    .mapToLong(fields -> Long.parseLong(fields[1]))
                    .findFirst().orElse(0);
        } catch (IOException | NumberFormatException absent) {
            return 0;
        }
    }
}
