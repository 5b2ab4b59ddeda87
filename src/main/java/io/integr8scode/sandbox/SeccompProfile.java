package io.integr8scode.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.integr8scode.sandbox.JsonObjects.object;

/**
 * A seccomp deny-list for the sandbox: everything is allowed except calls an ordinary Python program never
 * needs and a container escape often does. Calls of other ABIs (e.g. 32-bit on x86_64) are refused by the
 * filter's architecture check.
 */
final class SeccompProfile {

    static final int EPERM = 1;
    static final int ENOSYS = 38;

    static final List<String> DENIED = List.of(
            "ptrace", "process_vm_readv", "process_vm_writev",
            "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig",
            "fsmount", "fspick", "mount_setattr",
            "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff",
            "init_module", "finit_module", "delete_module",
            "bpf", "perf_event_open", "userfaultfd",
            "keyctl", "add_key", "request_key",
            "unshare", "setns", "personality",
            "acct", "quotactl", "lookup_dcookie",
            "clock_settime", "clock_adjtime", "settimeofday", "adjtimex",
            "open_by_handle_at", "name_to_handle_at",
            "io_uring_setup", "io_uring_enter", "io_uring_register");

    /** clone() flags that would create namespaces: refused, while plain fork and threads stay allowed. */
    static final List<Long> NAMESPACE_CLONE_FLAGS = List.of(
            0x00020000L, // CLONE_NEWNS
            0x02000000L, // CLONE_NEWCGROUP
            0x04000000L, // CLONE_NEWUTS
            0x08000000L, // CLONE_NEWIPC
            0x10000000L, // CLONE_NEWUSER
            0x20000000L, // CLONE_NEWPID
            0x40000000L); // CLONE_NEWNET

    private SeccompProfile() {
    }

    static Map<String, Object> denyList(String osArch, OciRuntime runtime) {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(rule(DENIED, EPERM));
        for (long flag : NAMESPACE_CLONE_FLAGS) {
            Map<String, Object> rule = rule(List.of("clone"), EPERM);
            rule.put("args", List.of(object("index", 0, "value", flag, "valueTwo", flag, "op", "SCMP_CMP_MASKED_EQ")));
            rules.add(rule);
        }
        // clone3 passes its flags in memory, out of seccomp's sight; ENOSYS makes glibc fall back to clone().
        // gVisor answers every errno rule with EPERM (it ignores errnoRet), and glibc does not fall back on EPERM, so
        // under runsc clone3 stays allowed: namespaces it creates exist only inside gVisor's own kernel.
        if (runtime != OciRuntime.RUNSC) {
            rules.add(rule(List.of("clone3"), ENOSYS));
        }

        return object(
                "defaultAction", "SCMP_ACT_ALLOW",
                "architectures", List.of(seccompArchitecture(osArch)),
                "syscalls", rules);
    }

    private static Map<String, Object> rule(List<String> names, int errno) {
        return object("names", names, "action", "SCMP_ACT_ERRNO", "errnoRet", errno);
    }

    static String seccompArchitecture(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> "SCMP_ARCH_X86_64";
            case "aarch64", "arm64" -> "SCMP_ARCH_AARCH64";
            default -> throw new SandboxUnavailableException("no seccomp profile for architecture " + osArch);
        };
    }
}
