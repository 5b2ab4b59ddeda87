package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.integr8scode.sandbox.SandboxImageBuild;
import org.junit.jupiter.api.Test;

/** Tier 1: the chart lints and renders what the platform relies on. Tier 2 applies it to a real API server. */
class HelmChartTest {

    private static final String EXECUTIONS = "integr8scode-executions";
    private static final RenderedChart chart = RenderedChart.render(Map.of());

    @Test
    void chartLintsClean() {
        RenderedChart.HelmRun lint = RenderedChart.lint();
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void executionsNamespaceEnforcesBaselinePodSecurity() {
        Namespace namespace = chart.one(Namespace.class, EXECUTIONS);
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/warn", "baseline")
                .containsEntry("pod-security.kubernetes.io/audit", "baseline");
    }

    @Test
    void executionsNamespaceAdmitsOnlyWhatExecutionPodsNeedBeyondBaseline() {
        ValidatingAdmissionPolicy policy = chart.one(ValidatingAdmissionPolicy.class, EXECUTIONS + "-execution-pods");
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(policy.getSpec().getValidations()).extracting(Validation::getMessage).containsExactly(
                "execution pods have one container only",
                "execution pods drop ALL capabilities and add at most KILL, SETGID, SETPCAP and SETUID",
                "execution pods forbid privilege escalation and write no root filesystem",
                "execution pods run under the RuntimeDefault seccomp profile",
                "execution pods get no service account token");
        ValidatingAdmissionPolicyBinding binding =
                chart.one(ValidatingAdmissionPolicyBinding.class, EXECUTIONS + "-execution-pods");
        assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
        assertThat(binding.getSpec().getMatchResources().getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", EXECUTIONS));
    }

    @Test
    void executionPodsGetNoNetworkInEitherDirection() {
        NetworkPolicy policy = chart.one(NetworkPolicy.class, "executions-default-deny");
        assertThat(policy.getMetadata().getNamespace()).isEqualTo(EXECUTIONS);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
    }

    @Test
    void appRoleInTheExecutionsNamespaceCoversPodsAndLogsOnly() {
        Role role = chart.one(Role.class, "i8s-executions");
        assertThat(role.getMetadata().getNamespace()).isEqualTo(EXECUTIONS);
        assertThat(role.getRules()).extracting(PolicyRule::getResources, PolicyRule::getVerbs).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("pods"), List.of("create", "get", "list", "watch", "delete", "patch")),
                org.assertj.core.groups.Tuple.tuple(List.of("pods/log"), List.of("get")));
        Role election = chart.one(Role.class, "i8s-leader-election");
        assertThat(election.getMetadata().getNamespace()).isEqualTo(RenderedChart.RELEASE_NAMESPACE);
        assertThat(election.getRules()).flatExtracting(PolicyRule::getResources).containsExactly("leases", "pods");
        assertThat(election.getRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("delete", "*", "watch");
    }

    @Test
    void executionsNamespaceHasQuotaAndLimits() {
        ResourceQuota quota = chart.one(ResourceQuota.class, "executions-quota");
        assertThat(quota.getSpec().getHard()).containsKeys("pods", "limits.cpu", "limits.memory",
                "limits.ephemeral-storage", "requests.ephemeral-storage");
        LimitRange limits = chart.one(LimitRange.class, "executions-limits");
        assertThat(limits.getSpec().getLimits().get(0).getMax()).containsKeys("cpu", "memory", "ephemeral-storage");
    }

    @Test
    void appDeploymentIsProbedLimitedAndLockedDown() {
        Deployment deployment = chart.one(Deployment.class, "i8s");
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().get(0);
        assertThat(pod.getServiceAccountName()).isEqualTo("i8s");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(app.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(app.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(app.getEnv()).anySatisfy(env -> assertThat(env.getName()).isEqualTo("POD_NAMESPACE"));
        // Under a read-only root the app's data directory must be on the writable /tmp volume.
        assertThat(app.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        assertThat(app.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("INTEGR8SCODE_DATA_DIR");
            assertThat(env.getValue()).startsWith("/tmp/");
        });
        assertThat(app.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("LOGGING_STRUCTURED_FORMAT_CONSOLE");
            assertThat(env.getValue()).isEqualTo("ecs");
        });
    }

    @Test
    void executionPodsDefaultToTheSandboxImageOfTheRepository() {
        String config = chart.one(ConfigMap.class, "i8s").getData().get("application.yaml");
        assertThat(config).as(SandboxImageSettingsTest.STALE_TAG)
                .contains("    image: \"" + SandboxImageBuild.printImage() + "\"\n");
    }

    @Test
    void runnerSettingsReachTheApplicationConfig() {
        RenderedChart placed = RenderedChart.render(Map.of(
                "executions.runtimeClassName", "gvisor",
                "executions.nodeSelector.pool", "sandbox",
                "gvisor.createRuntimeClass", true));
        String config = placed.one(ConfigMap.class, "i8s").getData().get("application.yaml");
        assertThat(config).contains("runner: kubernetes").contains("namespace: \"integr8scode-executions\"")
                .contains("runtime-class-name: \"gvisor\"").contains("\"[pool]\": \"sandbox\"")
                .contains("  sandbox:\n    tmp-size-mb: 32\n    pids-limit: 96\n");
        assertThat(placed.one(RuntimeClass.class, "gvisor").getHandler()).isEqualTo("runsc");
        assertThat(chart.find(RuntimeClass.class, "gvisor")).as("gVisor is opt-in").isEmpty();
    }

    @Test
    void everyReplicaSignsTokensWithOneKeyGeneratedOnceIntoASecret() {
        Secret secret = chart.one(Secret.class, "i8s-jwt-signing-key");
        assertThat(signingKeyOf(secret)).startsWith("-----BEGIN RSA PRIVATE KEY-----\n")
                .endsWith("-----END RSA PRIVATE KEY-----\n");
        assertThat(signingKeyReference(chart)).satisfies(reference -> {
            assertThat(reference.getName()).isEqualTo("i8s-jwt-signing-key");
            assertThat(reference.getKey()).isEqualTo("signing-key");
        });
        assertThat(signingKeyOf(RenderedChart.render(Map.of()).one(Secret.class, "i8s-jwt-signing-key")))
                .as("generated per installation, never a key shipped in the chart").isNotEqualTo(signingKeyOf(secret));
    }

    @Test
    void anOperatorsSecretReplacesTheGeneratedSigningKey() {
        RenderedChart own = RenderedChart.render(Map.of(
                "jwtSigningKey.existingSecret", "my-jwt-key",
                "jwtSigningKey.existingSecretKey", "jwk"));

        assertThat(own.find(Secret.class, "i8s-jwt-signing-key")).isEmpty();
        assertThat(signingKeyReference(own)).satisfies(reference -> {
            assertThat(reference.getName()).isEqualTo("my-jwt-key");
            assertThat(reference.getKey()).isEqualTo("jwk");
        });
    }

    @Test
    void everyReplicaSignsWebhooksWithOneSecretGeneratedOnce() {
        Secret secret = chart.one(Secret.class, "i8s-webhook-secret");
        String value = new String(Base64.getDecoder().decode(secret.getData().get("secret")), StandardCharsets.US_ASCII);
        assertThat(value).matches("[A-Za-z0-9]{48}");
        assertThat(secretReference(chart, "INTEGR8SCODE_WEBHOOKS_SECRET")).satisfies(reference -> {
            assertThat(reference.getName()).isEqualTo("i8s-webhook-secret");
            assertThat(reference.getKey()).isEqualTo("secret");
        });
        assertThat(RenderedChart.render(Map.of()).one(Secret.class, "i8s-webhook-secret").getData().get("secret"))
                .as("generated per installation").isNotEqualTo(secret.getData().get("secret"));

        RenderedChart own = RenderedChart.render(Map.of("webhookSecret.existingSecret", "my-hooks",
                "webhookSecret.existingSecretKey", "hmac"));
        assertThat(own.find(Secret.class, "i8s-webhook-secret")).isEmpty();
        assertThat(secretReference(own, "INTEGR8SCODE_WEBHOOKS_SECRET")).satisfies(reference -> {
            assertThat(reference.getName()).isEqualTo("my-hooks");
            assertThat(reference.getKey()).isEqualTo("hmac");
        });
    }

    private static String signingKeyOf(Secret secret) {
        return new String(Base64.getDecoder().decode(secret.getData().get("signing-key")), StandardCharsets.US_ASCII);
    }

    /** integr8scode.security.signing-key, bound from the environment by Spring's relaxed binding. */
    private static SecretKeySelector signingKeyReference(RenderedChart rendered) {
        return secretReference(rendered, "INTEGR8SCODE_SECURITY_SIGNINGKEY");
    }

    private static SecretKeySelector secretReference(RenderedChart rendered, String variable) {
        Container app = rendered.one(Deployment.class, "i8s").getSpec().getTemplate().getSpec().getContainers().get(0);
        return app.getEnv().stream().filter(env -> env.getName().equals(variable))
                .findFirst().orElseThrow().getValueFrom().getSecretKeyRef();
    }
}
