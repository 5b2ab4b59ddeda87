package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.integr8scode.sandbox.ExecutionLimits;
import io.integr8scode.sandbox.SandboxImageBuild;
import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.ShippedSettings;
import org.junit.jupiter.api.Test;

class ExecutionPodFactoryTest {

    private final Pod pod = TestSettings.pod("0b7e2c4a-1", TestSettings.defaults());
    private final PodSpec spec = pod.getSpec();
    private final Container container = spec.getContainers().get(0);

    @Test
    void podIsNamedAndLabelledAfterTheExecution() {
        assertThat(pod.getMetadata().getName()).isEqualTo("exec-0b7e2c4a-1");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("integr8scode-executions");
        assertThat(pod.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "integr8scode-execution",
                "app.kubernetes.io/component", "script-execution",
                "app.kubernetes.io/part-of", "integr8scode",
                "app.kubernetes.io/managed-by", "integr8scode",
                "integr8scode.io/execution-id", "0b7e2c4a-1"));
    }

    @Test
    void podRunsOnceWithinItsDeadlineAndSeesNoCredentialsOrServices() {
        assertThat(spec.getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(10 + 30);
        assertThat(spec.getAutomountServiceAccountToken()).isFalse();
        assertThat(spec.getEnableServiceLinks()).isFalse();
        assertThat(spec.getTerminationGracePeriodSeconds()).isZero();
        assertThat(spec.getHostNetwork()).isNull();
        assertThat(spec.getHostPID()).isNull();
        assertThat(spec.getHostIPC()).isNull();
        assertThat(spec.getRuntimeClassName()).isNull();
    }

    @Test
    void podAndContainerAreLockedDownToWhatTheBootstrapNeedsToRunTheScriptAsAnotherUser() {
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).isFalse();
        assertThat(spec.getSecurityContext().getRunAsUser()).isZero();
        assertThat(spec.getSecurityContext().getRunAsGroup()).isZero();
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var containerContext = container.getSecurityContext();
        assertThat(containerContext.getAllowPrivilegeEscalation()).isFalse();
        assertThat(containerContext.getPrivileged()).isFalse();
        assertThat(containerContext.getReadOnlyRootFilesystem()).isTrue();
        assertThat(containerContext.getRunAsNonRoot()).isFalse();
        assertThat(containerContext.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(containerContext.getCapabilities().getAdd()).containsExactly("KILL", "SETGID", "SETPCAP", "SETUID");
        assertThat(containerContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void tellsTheBootstrapWhichUserTheScriptRunsAs() {
        Pod real = new ExecutionPods(TestSettings.defaults(), ShippedSettings.sandbox(Map.of()), Clock.systemUTC())
                .podFor(new SandboxJob("e1", "print(1)", "", new ExecutionLimits(10, 128, 500)));

        assertThat(real.getSpec().getContainers().get(0).getEnv()).contains(
                new EnvVar("I8S_SCRIPT_UID", "65534", null), new EnvVar("I8S_SCRIPT_GID", "65534", null));
    }

    @Test
    void tellsTheBootstrapWhereTheScriptLeavesFilesAndTheirCaps() {
        Pod real = new ExecutionPods(TestSettings.defaults(), ShippedSettings.sandbox(Map.of()), Clock.systemUTC())
                .podFor(new SandboxJob("e1", "print(1)", "", new ExecutionLimits(10, 128, 500)));

        assertThat(real.getSpec().getContainers().get(0).getEnv()).contains(
                new EnvVar("I8S_OUTPUT_DIR", "/tmp/outputs", null),
                new EnvVar("I8S_ARTIFACT_FILE_LIMIT_BYTES", "2097152", null),
                new EnvVar("I8S_ARTIFACT_RUN_LIMIT_BYTES", "2097152", null),
                new EnvVar("I8S_ARTIFACT_COUNT_LIMIT", "16", null));
    }

    @Test
    void requestsEqualLimitsForCpuMemoryAndEphemeralStorage() {
        Map<String, Quantity> expected = Map.of("cpu", new Quantity("500m"), "memory", new Quantity("128Mi"),
                "ephemeral-storage", new Quantity("64Mi"));
        assertThat(container.getResources().getLimits()).isEqualTo(expected);
        assertThat(container.getResources().getRequests()).isEqualTo(expected);
    }

    @Test
    void onlyWritablePlaceIsASizeLimitedTmp() {
        assertThat(spec.getVolumes()).singleElement().satisfies(volume -> {
            assertThat(volume.getName()).isEqualTo("tmp");
            assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("32Mi"));
            assertThat(volume.getEmptyDir().getMedium()).isNull();
        });
        assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            assertThat(mount.getName()).isEqualTo("tmp");
        });
    }

    @Test
    void containerRunsTheBootstrapOnTheConfiguredImageWithSortedEnvironment() {
        assertThat(container.getImage()).isEqualTo(SandboxImageBuild.printImage());
        assertThat(container.getCommand()).containsExactly("python3", "-I", "-S", "-c", "print('bootstrap')");
        assertThat(container.getEnv()).extracting("name").containsExactly("I8S_SCRIPT_B64", "I8S_TIMEOUT_SECONDS");
        assertThat(container.getEnv()).allSatisfy(env -> assertThat(env.getValueFrom()).isNull());
    }

    @Test
    void sandboxNodePoolAndGvisorAreOptIn() {
        var toleration = new KubernetesRunnerProperties.Toleration("sandbox", "Equal", "true", "NoSchedule");
        PodSpec placed = TestSettings.pod("abc",
                TestSettings.withPlacement("gvisor", Map.of("pool", "sandbox"), List.of(toleration))).getSpec();
        assertThat(placed.getRuntimeClassName()).isEqualTo("gvisor");
        assertThat(placed.getNodeSelector()).containsExactlyEntriesOf(Map.of("pool", "sandbox"));
        assertThat(placed.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("sandbox");
            assertThat(t.getOperator()).isEqualTo("Equal");
            assertThat(t.getValue()).isEqualTo("true");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(spec.getNodeSelector()).isNullOrEmpty();
        assertThat(spec.getTolerations()).isEmpty();
    }

    @Test
    void executionIdsThatCannotNameAPodAreRefused() {
        assertThatThrownBy(() -> ExecutionPodNaming.podName("Upper_Case")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExecutionPodNaming.podName("x".repeat(59))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExecutionPodNaming.podName("x".repeat(58))).hasSize(63);
    }

    @Test
    void scriptsTooLargeForOneEnvironmentStringAreRefused() {
        PodLaunch huge = new PodLaunch(List.of("python3"), Map.of("I8S_SCRIPT_B64", "A".repeat(128 * 1024)));
        assertThatThrownBy(() -> ExecutionPodFactory.build("big", TestSettings.spec(TestSettings.job("big")), huge,
                TestSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("I8S_SCRIPT_B64");
    }

    @Test
    void podStatesThePidsLimitItsNodeMustEnforce() {
        assertThat(pod.getMetadata().getAnnotations()).containsExactly(Map.entry("integr8scode.io/pids-limit", "96"));
    }

    @Test
    void wholeSpecMatchesTheSnapshot() throws IOException {
        try (InputStream snapshot = getClass().getResourceAsStream("execution-pod.snapshot.yaml")) {
            assertThat(snapshot).as("snapshot resource").isNotNull();
            assertThat(Serialization.asYaml(pod)).isEqualTo(new String(snapshot.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
