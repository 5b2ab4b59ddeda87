package io.integr8scode.kubernetes;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import io.integr8scode.sandbox.ExecutionLimits;
import io.integr8scode.sandbox.BootstrapProtocol;
import io.integr8scode.sandbox.SandboxJob;

/**
 * Builds the pod of one execution: a pure function of the job, the bootstrap launch and the settings, so that
 * every hardening field can be asserted without an API server.
 */
final class ExecutionPodFactory {

    static final String CONTAINER_NAME = "script";
    static final int SANDBOX_UID = 65534;
    // Linux refuses to exec a process whose single environment string exceeds 128 KiB (MAX_ARG_STRLEN).
    static final int MAX_ENV_ENTRY_BYTES = 128 * 1024 - 1;

    private ExecutionPodFactory() {
    }

    static Pod build(SandboxJob job, PodLaunch launch, KubernetesRunnerProperties settings) {
        ExecutionLimits limits = job.limits();
        Map<String, Quantity> resources = new TreeMap<>(Map.of(
                "cpu", new Quantity(limits.cpuMillicores() + "m"),
                "memory", new Quantity(limits.memoryMb() + "Mi"),
                "ephemeral-storage", new Quantity(settings.ephemeralStorageMb() + "Mi")));
        return new PodBuilder()
                .withNewMetadata()
                    .withName(ExecutionPodNaming.podName(job.executionId()))
                    .withNamespace(settings.namespace())
                    .withLabels(ExecutionPodNaming.labels(job.executionId()))
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withActiveDeadlineSeconds(limits.timeoutSeconds() + settings.deadlineGrace().toSeconds())
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
                    .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser((long) SANDBOX_UID)
                        .withRunAsGroup((long) SANDBOX_UID)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                    .endSecurityContext()
                    .withContainers(container(launch, settings, resources))
                    .addNewVolume()
                        .withName("tmp")
                        .withNewEmptyDir().withSizeLimit(new Quantity(settings.tmpSizeMb() + "Mi")).endEmptyDir()
                    .endVolume()
                .endSpec()
                .build();
    }

    /** The limits a pod built here runs under, read back from its spec: the inverse of {@link #build}. */
    static ExecutionLimits limitsOf(Pod pod) {
        Container container = pod.getSpec().getContainers().get(0);
        Map<String, Quantity> limits = container.getResources().getLimits();
        int timeoutSeconds = container.getEnv().stream()
                .filter(e -> BootstrapProtocol.ENV_TIMEOUT_SECONDS.equals(e.getName()))
                .mapToInt(e -> Integer.parseInt(e.getValue())).findFirst().orElse(0);
        BigDecimal mebibyte = BigDecimal.valueOf(1024 * 1024);
        return new ExecutionLimits(timeoutSeconds,
                Quantity.getAmountInBytes(limits.get("memory")).divide(mebibyte, RoundingMode.CEILING).intValue(),
                Quantity.getAmountInBytes(limits.get("cpu")).movePointRight(3).intValue());
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
                    .withRunAsNonRoot(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
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
