package io.integr8scode.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.integr8scode.sandbox.BootstrapProtocol;
import io.integr8scode.sandbox.SandboxSpec;

/**
 * Builds the pod of one execution: a pure function of the execution id, its {@link SandboxSpec} (the same spec the
 * local OCI bundle is built from), the bootstrap launch and the runner settings, so that every hardening field can
 * be asserted without an API server.
 */
final class ExecutionPodFactory {

    static final String CONTAINER_NAME = "script";
    /**
     * A pod spec has no pids field: the kubelet's {@code podPidsLimit} on the sandbox nodes enforces it. The pod
     * states the limit it was built for, so an operator can check the nodes against it (docs/kubernetes.md).
     */
    static final String PIDS_LIMIT_ANNOTATION = "integr8scode.io/pids-limit";
    // Linux refuses to exec a process whose single environment string exceeds 128 KiB (MAX_ARG_STRLEN).
    static final int MAX_ENV_ENTRY_BYTES = 128 * 1024 - 1;

    private ExecutionPodFactory() {
    }

    static Pod build(String executionId, SandboxSpec spec, PodLaunch launch, KubernetesRunnerProperties settings) {
        Map<String, Quantity> resources = new TreeMap<>(Map.of(
                "cpu", new Quantity(spec.limits().cpuMillicores() + "m"),
                "memory", new Quantity(spec.limits().memoryMb() + "Mi"),
                "ephemeral-storage", new Quantity(settings.ephemeralStorageMb() + "Mi")));
        return new PodBuilder()
                .withNewMetadata()
                    .withName(ExecutionPodNaming.podName(executionId))
                    .withNamespace(settings.namespace())
                    .withLabels(ExecutionPodNaming.labels(executionId))
                    .withAnnotations(Map.of(PIDS_LIMIT_ANNOTATION, Integer.toString(spec.pidsLimit())))
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    // Counted from the kubelet's admission, before the image pull: the grace covers the start.
                    .withActiveDeadlineSeconds(spec.killAfterSeconds())
                    // The script may ignore SIGTERM; waiting for it buys nothing.
                    .withTerminationGracePeriodSeconds(0L)
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withRuntimeClassName(settings.runtimeClassName())
                    .withNodeSelector(settings.nodeSelector().isEmpty() ? null : settings.nodeSelector())
                    .withTolerations(settings.tolerations().stream()
                            .map(t -> new TolerationBuilder().withKey(t.key()).withOperator(t.operator())
                                    .withValue(t.value()).withEffect(t.effect()).build())
                            .toList())
                    // The bootstrap's identity: root of the container holding only the capabilities to run the script
                    // as spec.uid()/gid() (I8S_SCRIPT_UID/GID), so the script cannot reach the bootstrap's stdout, the
                    // result channel. Kubernetes gives a non-root user no capabilities (no ambient set), hence root:
                    // the pod is PodSecurity "baseline", not "restricted" (docs/kubernetes.md).
                    .withNewSecurityContext()
                        .withRunAsNonRoot(false)
                        .withRunAsUser((long) BootstrapProtocol.BOOTSTRAP_UID)
                        .withRunAsGroup((long) BootstrapProtocol.BOOTSTRAP_GID)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                    .endSecurityContext()
                    .withContainers(container(launch, settings, resources))
                    .addNewVolume()
                        .withName("tmp")
                        .withNewEmptyDir().withSizeLimit(new Quantity(spec.tmpSizeMb() + "Mi")).endEmptyDir()
                    .endVolume()
                .endSpec()
                .build();
    }

    private static Container container(PodLaunch launch, KubernetesRunnerProperties settings,
                                       Map<String, Quantity> resources) {
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(settings.image())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withCommand(launch.command())
                .withEnv(environment(launch.environment()))
                .withWorkingDir("/tmp")
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false)
                    .withPrivileged(false)
                    .withReadOnlyRootFilesystem(true)
                    .withRunAsNonRoot(false)
                    .withNewCapabilities().withDrop("ALL").withAdd(BootstrapProtocol.BOOTSTRAP_CAPABILITIES)
                    .endCapabilities()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }

    private static List<EnvVar> environment(Map<String, String> variables) {
        List<EnvVar> env = new ArrayList<>();
        // Sorted, so the same job always yields the same spec.
        new TreeMap<>(variables).forEach((name, value) -> {
            if ((name + "=" + value).getBytes(StandardCharsets.UTF_8).length > MAX_ENV_ENTRY_BYTES) {
                throw new IllegalArgumentException("environment variable " + name
                        + " is too large for a pod (the script must stay under about 96 KiB)");
            }
            env.add(new EnvVar(name, value, null));
        });
        return env;
    }
}
