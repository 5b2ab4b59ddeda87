package io.integr8scode.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Kubernetes runner ({@code integr8scode.runner=kubernetes}); the defaults live in
 * {@code application.yaml}, where the routes' {@code {{placeholders}}} read them too. What a pod shares with the local
 * sandbox (tmp size, pids, grace, output cap, uid) is {@code integr8scode.sandbox.*}. {@code kubeconfig} names a
 * kubeconfig file; empty means the in-cluster service account (or {@code $KUBECONFIG} outside a cluster).
 */
@ConfigurationProperties(prefix = "integr8scode.kubernetes")
public record KubernetesRunnerProperties(
        String namespace,
        String image,
        String imagePullPolicy,
        String runtimeClassName,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        int ephemeralStorageMb,
        Duration unschedulableWait,
        String kubeconfig,
        Api api,
        LeaderElection leaderElection) {

    public KubernetesRunnerProperties {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        runtimeClassName = runtimeClassName == null || runtimeClassName.isBlank() ? null : runtimeClassName;
        kubeconfig = kubeconfig == null || kubeconfig.isBlank() ? null : kubeconfig;
    }

    /** A toleration for a dedicated sandbox node pool, e.g. {@code sandbox=true:NoSchedule}. */
    public record Toleration(String key, String operator, String value, String effect) {
    }

    /** Every API call is bounded: a request timeout and a bounded exponential backoff on 429, 5xx and I/O errors. */
    public record Api(Duration timeout, int retries, Duration backoff) {
    }

    /**
     * With several app replicas only the lease holder watches and polls pods. {@code enabled=false} makes this
     * replica the leader unconditionally: only for a single replica outside a cluster. Camel counts as members
     * the ready pods in {@code leaseNamespace} carrying {@code memberLabels}; {@code podName} must be one of them.
     */
    public record LeaderElection(boolean enabled, String group, String leaseNamespace, String leaseName,
                                 String podName, Map<String, String> memberLabels) {
        public LeaderElection {
            memberLabels = memberLabels == null ? Map.of() : Map.copyOf(memberLabels);
        }
    }
}
