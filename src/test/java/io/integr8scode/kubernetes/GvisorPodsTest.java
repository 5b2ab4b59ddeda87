package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every case of {@link RealPodsTest} again, with the execution pods under gVisor: the chart's RuntimeClass
 * {@code gvisor} (handler {@code runsc}) applied and the app's {@code runtime-class-name} set to it, as an operator
 * would. The node's containerd 2 has both handlers when {@code infra/k8s-cluster/build-gvisor-node.sh} built them;
 * otherwise cluster.sh says why in {@code I8S_CLUSTER_GVISOR_SKIPPED} and this class skips itself, loudly.
 * <p>
 * Its app differs from the other cluster classes' in that one setting, so it is a second Spring context on the same
 * broker port: run it in a Maven run of its own (infra/k8s-cluster/test.sh does).
 */
class GvisorPodsTest extends RealPodsTest {

    private static final String RUNTIME_CLASS = "gvisor";
    /** What gVisor's kernel reports as its version, whatever the host runs. */
    private static final String GVISOR_KERNEL = "Linux version 4.19.0-gvisor #1 SMP Sun Jan 10 15:06:54 PST 2016";

    @BeforeAll
    static void applyTheGvisorRuntimeClass() {
        String handlers = System.getenv().getOrDefault("I8S_CLUSTER_RUNTIME_HANDLERS", "");
        if (!Arrays.asList(handlers.split(",")).contains("runsc")) {
            String notice = "TIER 3 UNDER gVISOR SKIPPED: the node has no runsc handler ("
                    + System.getenv().getOrDefault("I8S_CLUSTER_GVISOR_SKIPPED", "not run through infra/k8s-cluster/cluster.sh")
                    + ")";
            System.err.println("#".repeat(100) + "\n## " + notice + "\n" + "#".repeat(100));
            Assumptions.abort(notice);
        }
        RuntimeClass runtimeClass = RenderedChart.render(Map.of("gvisor.createRuntimeClass", true))
                .one(RuntimeClass.class, RUNTIME_CLASS);
        admin().resource(runtimeClass).serverSideApply();
    }

    @DynamicPropertySource
    static void runUnderGvisor(DynamicPropertyRegistry registry) {
        registry.add("integr8scode.kubernetes.runtime-class-name", () -> RUNTIME_CLASS);
    }

    @Test
    void runsTheScriptOnGvisorsKernelNotTheNodes() throws IOException {
        String nodeKernel = Files.readString(Path.of("/proc/version")).strip();
        String id = submitScript("""
                import ctypes
                print(open('/proc/version').read().strip())
                # syslog(SYSLOG_ACTION_READ_ALL): gVisor's kernel answers with its own boot messages (the pod's
                # seccomp profile is not applied inside gVisor: docs/kubernetes.md); a host kernel refuses it
                # under RuntimeDefault.
                buffer = ctypes.create_string_buffer(4096)
                length = ctypes.CDLL(None, use_errno=True).klogctl(3, buffer, 4096)
                print('kernel log:', buffer.raw[:length].decode() if length > 0 else 'refused')
                """);

        JsonNode execution = awaitTerminal(id, POD_RUN);

        assertThat(execution.path("status").asText()).as("%s", execution).isEqualTo("completed");
        assertThat(execution.path("output").asText()).startsWith(GVISOR_KERNEL + "\n")
                .contains("kernel log:", "Starting gVisor...").doesNotContain(nodeKernel);
        assertThat(nodeKernel).doesNotContain(GVISOR_KERNEL);
        assertThat(admin().resources(RuntimeClass.class).withName(RUNTIME_CLASS).get().getHandler()).isEqualTo("runsc");
    }
}
