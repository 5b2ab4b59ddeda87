package io.integr8scode.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.integr8scode.sandbox.ExecutionLimits;
import io.integr8scode.sandbox.SandboxJob;

/** Runner settings and jobs for tests, with the shipped defaults unless a test says otherwise. */
final class TestSettings {

    static final String NAMESPACE = "integr8scode-executions";

    private TestSettings() {
    }

    static KubernetesRunnerProperties defaults() {
        return withPlacement(null, Map.of(), List.of());
    }

    static KubernetesRunnerProperties withPlacement(String runtimeClass, Map<String, String> nodeSelector,
                                                    List<KubernetesRunnerProperties.Toleration> tolerations) {
        return new KubernetesRunnerProperties(NAMESPACE, "python:3.12-slim", "IfNotPresent", runtimeClass,
                nodeSelector, tolerations, 64, 32, Duration.ofSeconds(30), Duration.ofSeconds(120), null, new KubernetesRunnerProperties.Api(Duration.ofSeconds(10), 3, Duration.ofMillis(250)),
                new KubernetesRunnerProperties.LeaderElection(false, "integr8scode-pod-completion", "default",
                        "integr8scode-leader", "app-0", Map.of("app.kubernetes.io/name", "integr8scode")));
    }

    static SandboxJob job(String executionId) {
        return new SandboxJob(executionId, "print('hi')", "", new ExecutionLimits(10, 128, 500));
    }

    static PodLaunch launch() {
        return new PodLaunch(List.of("python3", "-I", "-S", "-c", "print('bootstrap')"),
                Map.of("I8S_SCRIPT_B64", "cHJpbnQoJ2hpJyk=", "I8S_TIMEOUT_SECONDS", "10"));
    }
}
