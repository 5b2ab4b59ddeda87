package io.integr8scode.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.integr8scode.sandbox.ExecutionLimits;
import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.SandboxProperties;
import io.integr8scode.sandbox.SandboxSpec;
import io.integr8scode.sandbox.ShippedSettings;

/** Runner settings and jobs for tests: the shipped defaults (application.yaml) unless a test says otherwise. */
final class TestSettings {

    static final String NAMESPACE = "integr8scode-executions";

    private TestSettings() {
    }

    static KubernetesRunnerProperties defaults() {
        return ShippedSettings.bind("integr8scode.kubernetes", KubernetesRunnerProperties.class, Map.of());
    }

    static KubernetesRunnerProperties withPlacement(String runtimeClass, Map<String, String> nodeSelector,
                                                    List<KubernetesRunnerProperties.Toleration> tolerations) {
        KubernetesRunnerProperties shipped = defaults();
        return new KubernetesRunnerProperties(shipped.namespace(), shipped.image(), shipped.imagePullPolicy(),
                runtimeClass, nodeSelector, tolerations, shipped.ephemeralStorageMb(), shipped.unschedulableWait(),
                shipped.kubeconfig(), shipped.api(), shipped.leaderElection());
    }

    static SandboxProperties sandbox() {
        return ShippedSettings.sandbox(Map.of());
    }

    static SandboxJob job(String executionId) {
        return new SandboxJob(executionId, "print('hi')", "", new ExecutionLimits(10, 128, 500));
    }

    static SandboxSpec spec(SandboxJob job) {
        return sandbox().specFor(job.limits());
    }

    static PodLaunch launch() {
        return new PodLaunch(List.of("python3", "-I", "-S", "-c", "print('bootstrap')"),
                Map.of("I8S_SCRIPT_B64", "cHJpbnQoJ2hpJyk=", "I8S_TIMEOUT_SECONDS", "10"));
    }

    /** The pod of {@code job("...")} with the fixed launch, under the given settings. */
    static Pod pod(String executionId, KubernetesRunnerProperties settings) {
        SandboxJob job = job(executionId);
        return ExecutionPodFactory.build(executionId, spec(job), launch(), settings);
    }
}
