package io.integr8scode.sandbox;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config.json a sandbox gets: field by field, so every hardening choice reads as a behaviour, and whole, against
 * a snapshot, so nothing changes unseen. The pod's twin is ExecutionPodFactoryTest.
 */
class OciBundleConfigTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** One value per line, so a snapshot diff shows exactly what changed. */
    static final ObjectWriter SNAPSHOT = JSON.writer(new DefaultPrettyPrinter()
            .withArrayIndenter(new DefaultIndenter("  ", "\n")).withObjectIndenter(new DefaultIndenter("  ", "\n")));

    /** A fixed job under the shipped settings (application.yaml), as a run would build it. */
    static final BundleSpec SPEC = new BundleSpec("i8s-exec-1-abcd", Path.of("/images/0123456789ab/rootfs"),
            Path.of("/data/runs/i8s-exec-1-abcd/sandbox"),
            ShippedSettings.sandbox(Map.of()).specFor(new ExecutionLimits(5, 100, 500)), "amd64", OciRuntime.RUNC);

    static final JsonNode CONFIG = JSON.valueToTree(OciBundleConfig.build(SPEC));

    @Test
    void wholeConfigMatchesTheSnapshot() throws IOException {
        try (InputStream snapshot = getClass().getResourceAsStream("oci-bundle-config.snapshot.json")) {
            assertThat(snapshot).as("snapshot resource").isNotNull();
            assertThat(SNAPSHOT.writeValueAsString(CONFIG) + "\n")
                    .isEqualTo(new String(snapshot.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWarmSandboxDiffersOnlyInWaitingForItsJobOnStdin() {
        BundleSpec warm = new BundleSpec(SPEC.containerId(), SPEC.rootfs(), SPEC.sandboxFiles(), SPEC.sandbox(),
                SPEC.architecture(), SPEC.runtime(), true);
        ObjectNode warmConfig = JSON.valueToTree(OciBundleConfig.build(warm));
        ObjectNode coldConfig = CONFIG.deepCopy();

        List<String> coldEnv = JSON.convertValue(coldConfig.at("/process/env"), List.class);
        List<String> warmEnv = JSON.convertValue(warmConfig.at("/process/env"), List.class);
        assertThat(warmEnv).contains("I8S_JOB_ON_STDIN=1").noneMatch(entry -> entry.contains("_FILE="));
        assertThat(coldEnv).contains("I8S_SCRIPT_FILE=/sandbox/script.py", "I8S_STDIN_FILE=/sandbox/stdin")
                .doesNotContain("I8S_JOB_ON_STDIN=1");
        ((ObjectNode) warmConfig.get("process")).remove("env");
        ((ObjectNode) coldConfig.get("process")).remove("env");
        assertThat(warmConfig).isEqualTo(coldConfig);
    }

    static String json(String pointer) {
        return CONFIG.at(pointer).toString();
    }

    @Test
    void runsTheBootstrapAsAnotherUserThanTheScriptWithOnlyTheCapabilitiesToSwitch() {
        assertThat(json("/process/args")).isEqualTo("[\"/usr/bin/python3\",\"-I\",\"/sandbox/bootstrap.py\"]");
        assertThat(json("/process/user")).isEqualTo("{\"uid\":0,\"gid\":0}");
        assertThat(json("/process/env")).contains("\"I8S_SCRIPT_UID=65534\"", "\"I8S_SCRIPT_GID=65534\"");
        assertThat(json("/process/terminal")).isEqualTo("false");
        assertThat(json("/process/noNewPrivileges")).isEqualTo("true");
        assertThat(json("/process/cwd")).isEqualTo("\"/tmp\"");
        for (String set : List.of("bounding", "effective", "permitted")) {
            assertThat(json("/process/capabilities/" + set))
                    .isEqualTo("[\"CAP_KILL\",\"CAP_SETGID\",\"CAP_SETPCAP\",\"CAP_SETUID\"]");
        }
        for (String set : List.of("inheritable", "ambient")) {
            assertThat(json("/process/capabilities/" + set)).isEqualTo("[]");
        }
        assertThat(CONFIG.at("/process/capabilities").size()).isEqualTo(5);
        assertThat(json("/process/rlimits")).isEqualTo("[{\"type\":\"RLIMIT_CORE\",\"hard\":0,\"soft\":0},"
                + "{\"type\":\"RLIMIT_NOFILE\",\"hard\":256,\"soft\":256}]");
    }

    @Test
    void givesAMinimalEnvironmentWithTheProtocolVariables() {
        assertThat(json("/process/env")).isEqualTo("[\"PATH=/usr/local/bin:/usr/bin:/bin\",\"LANG=C.UTF-8\","
                + "\"HOME=/tmp\",\"TMPDIR=/tmp\",\"PYTHONDONTWRITEBYTECODE=1\",\"I8S_TIMEOUT_SECONDS=5\","
                + "\"I8S_OUTPUT_LIMIT_BYTES=1048576\",\"I8S_OPEN_FILES_LIMIT=256\","
                + "\"I8S_SCRIPT_UID=65534\",\"I8S_SCRIPT_GID=65534\","
                + "\"I8S_OUTPUT_DIR=/tmp/outputs\",\"I8S_ARTIFACT_FILE_LIMIT_BYTES=2097152\","
                + "\"I8S_ARTIFACT_RUN_LIMIT_BYTES=2097152\",\"I8S_ARTIFACT_COUNT_LIMIT=16\","
                + "\"I8S_SCRIPT_FILE=/sandbox/script.py\",\"I8S_STDIN_FILE=/sandbox/stdin\"]");
    }

    @Test
    void runsOnTheSandboxImageAsAReadOnlyRootWithPlainBinds() {
        assertThat(json("/root")).isEqualTo("{\"path\":\"/images/0123456789ab/rootfs\",\"readonly\":true}");
        assertThat(json("/hostname")).isEqualTo("\"sandbox\"");
        assertThat(mounts()).containsExactly(
                "/proc proc proc [nosuid, noexec, nodev]",
                "/dev tmpfs tmpfs [nosuid, strictatime, mode=755, size=65536k]",
                "/dev/pts devpts devpts [nosuid, noexec, newinstance, ptmxmode=0666, mode=0620]",
                "/dev/shm tmpfs shm [nosuid, noexec, nodev, mode=1777, size=33554432]",
                "/sandbox bind /data/runs/i8s-exec-1-abcd/sandbox [bind, ro, nosuid, nodev, noexec]",
                "/tmp tmpfs tmpfs [nosuid, nodev, noexec, mode=1777, size=33554432]");
    }

    /** runc would create a missing mount point inside the image's root, which every sandbox shares. */
    @Test
    void mountsOnlyOverPathsTheImageShipsOrInsideTheDevTmpfs() {
        assertThat(CONFIG.at("/mounts").findValuesAsText("destination")).allSatisfy(destination ->
                assertThat(OciBundleConfig.ROOT_MOUNT_POINTS.contains(destination) || destination.startsWith("/dev/"))
                        .as(destination).isTrue());
        assertThat(OciBundleConfig.ROOT_MOUNT_POINTS).containsExactly("/proc", "/dev", "/sandbox", "/tmp");
    }

    @Test
    void limitsMemoryCpuAndProcessesInItsOwnCgroup() {
        assertThat(json("/linux/cgroupsPath")).isEqualTo("\"/integr8scode/i8s-exec-1-abcd\"");
        assertThat(json("/linux/resources/memory")).isEqualTo("{\"limit\":104857600,\"swap\":104857600}");
        assertThat(json("/linux/resources/cpu")).isEqualTo("{\"quota\":50000,\"period\":100000}");
        assertThat(json("/linux/resources/pids")).isEqualTo("{\"limit\":96}");
        assertThat(json("/linux/resources/devices")).isEqualTo("[{\"allow\":false,\"access\":\"rwm\"}]");
    }

    @Test
    void isolatesEveryNamespaceButUsers() {
        assertThat(json("/linux/namespaces")).isEqualTo("[{\"type\":\"pid\"},{\"type\":\"network\"},"
                + "{\"type\":\"ipc\"},{\"type\":\"uts\"},{\"type\":\"mount\"},{\"type\":\"cgroup\"}]");
    }

    @Test
    void masksAndFreezesSensitiveProcPaths() {
        assertThat(json("/linux/maskedPaths")).isEqualTo("[\"/proc/acpi\",\"/proc/asound\",\"/proc/kcore\","
                + "\"/proc/keys\",\"/proc/latency_stats\",\"/proc/timer_list\",\"/proc/timer_stats\","
                + "\"/proc/sched_debug\",\"/proc/scsi\",\"/sys/firmware\"]");
        assertThat(json("/linux/readonlyPaths")).isEqualTo(
                "[\"/proc/bus\",\"/proc/fs\",\"/proc/irq\",\"/proc/sys\",\"/proc/sysrq-trigger\"]");
    }

    @Test
    void deniesEscapeSyscallsAndNamespaceClones() {
        JsonNode seccomp = CONFIG.at("/linux/seccomp");
        assertThat(seccomp.at("/defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
        assertThat(seccomp.at("/architectures").toString()).isEqualTo("[\"SCMP_ARCH_X86_64\"]");
        JsonNode denied = seccomp.at("/syscalls/0");
        assertThat(denied.at("/action").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(denied.at("/errnoRet").asInt()).isEqualTo(1);
        assertThat(JSON.convertValue(denied.at("/names"), List.class)).contains("ptrace", "mount", "umount2",
                "pivot_root", "chroot", "kexec_load", "kexec_file_load", "bpf", "perf_event_open", "keyctl",
                "add_key", "request_key", "unshare", "setns", "personality", "userfaultfd", "reboot", "swapon",
                "swapoff", "init_module", "finit_module", "delete_module", "acct", "quotactl", "clock_settime",
                "settimeofday", "open_by_handle_at", "name_to_handle_at", "io_uring_setup", "io_uring_enter",
                "io_uring_register").doesNotContain("clone", "fork", "execve", "socket");

        List<String> cloneRules = seccomp.at("/syscalls").findValues("args").stream().map(JsonNode::toString).toList();
        assertThat(cloneRules).hasSize(7).contains(
                "[{\"index\":0,\"value\":1073741824,\"valueTwo\":1073741824,\"op\":\"SCMP_CMP_MASKED_EQ\"}]");
        JsonNode clone3 = seccomp.at("/syscalls/8");
        assertThat(clone3.toString()).isEqualTo(
                "{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}");
    }

    @Test
    void leavesClone3ToGvisorWhichAnswersEveryErrnoRuleWithEperm() {
        BundleSpec underRunsc = new BundleSpec(SPEC.containerId(), SPEC.rootfs(), SPEC.sandboxFiles(), SPEC.sandbox(),
                SPEC.architecture(), OciRuntime.RUNSC);
        JsonNode seccomp = JSON.valueToTree(OciBundleConfig.build(underRunsc)).at("/linux/seccomp");

        assertThat(seccomp.at("/syscalls").findValues("names").stream().map(JsonNode::toString))
                .doesNotContain("[\"clone3\"]").hasSize(8);
        assertThat(seccomp.at("/syscalls/0")).isEqualTo(CONFIG.at("/linux/seccomp/syscalls/0"));
    }

    @Test
    void limitsTheScriptsProcessesInsideGvisorWhereTheHostCountsGvisorsThreads() {
        BundleSpec underRunsc = new BundleSpec(SPEC.containerId(), SPEC.rootfs(), SPEC.sandboxFiles(), SPEC.sandbox(),
                SPEC.architecture(), OciRuntime.RUNSC);
        JsonNode config = JSON.valueToTree(OciBundleConfig.build(underRunsc));

        assertThat(config.at("/process/rlimits").toString()).isEqualTo("[{\"type\":\"RLIMIT_CORE\",\"hard\":0,\"soft\":0},"
                + "{\"type\":\"RLIMIT_NOFILE\",\"hard\":256,\"soft\":256},"
                + "{\"type\":\"RLIMIT_NPROC\",\"hard\":16,\"soft\":16}]");
        assertThat(config.at("/linux/resources/pids/limit").asInt()).isEqualTo(96);
    }

    @Test
    void aWarmGvisorSandboxLimitsProcessesAsAColdOneDoes() {
        // The pids limit is a setting, not one of a job's limits: the pool's idle limits leave it as it is, so the
        // RLIMIT_NPROC a warm runsc sandbox starts with (which no cgroup write can change later) is the job's.
        BundleSpec cold = new BundleSpec(SPEC.containerId(), SPEC.rootfs(), SPEC.sandboxFiles(), SPEC.sandbox(),
                SPEC.architecture(), OciRuntime.RUNSC);
        BundleSpec warm = new BundleSpec(SPEC.containerId(), SPEC.rootfs(), SPEC.sandboxFiles(),
                ShippedSettings.sandbox(Map.of()).specFor(OciSandboxRunner.IDLE_LIMITS), SPEC.architecture(),
                OciRuntime.RUNSC, true);

        assertThat(JSON.valueToTree(OciBundleConfig.build(warm)).at("/process/rlimits"))
                .isEqualTo(JSON.valueToTree(OciBundleConfig.build(cold)).at("/process/rlimits"));
    }

    static List<String> mounts() {
        List<String> mounts = new ArrayList<>();
        for (JsonNode mount : CONFIG.at("/mounts")) {
            mounts.add(mount.get("destination").asText() + " " + mount.get("type").asText() + " "
                    + mount.get("source").asText() + " " + JSON.convertValue(mount.get("options"), List.class));
        }
        return mounts;
    }
}
