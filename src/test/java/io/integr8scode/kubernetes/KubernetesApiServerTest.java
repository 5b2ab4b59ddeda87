package io.integr8scode.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.integr8scode.monitoring.SandboxMetrics;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.integr8scode.sandbox.SandboxResult.Outcome;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tier 2: the application and the chart against a real kube-apiserver + etcd. The chart is installed, the app
 * authenticates with its service account's token, and the API server's validation, PodSecurity admission, RBAC,
 * quota, watches and deletes are real. No kubelet runs, so the test sets pod status through the API.
 */
@Tag("slow")
@CamelSpringBootTest
// Closed after the class, so its watch and poll do not keep running under later test classes.
@DirtiesContext
@SpringBootTest(classes = KubernetesApiServerTest.App.class, properties = {
        "integr8scode.runner=kubernetes",
        "integr8scode.kubernetes.poll-interval=500ms",
        "integr8scode.kubernetes.leader-election.enabled=true",
        "integr8scode.kubernetes.leader-election.lease-namespace=" + RenderedChart.RELEASE_NAMESPACE,
        "integr8scode.kubernetes.leader-election.pod-name=" + KubernetesApiServerTest.APP_POD,
        "integr8scode.kubernetes.leader-election.member-labels[app.kubernetes.io/instance]=" + RenderedChart.RELEASE,
        "management.endpoint.health.group.readiness.include=readinessState",
        "camel.main.routes-include-pattern=classpath:routes/runners/kubernetes-*.yaml"})
class KubernetesApiServerTest {

    static final String APP_POD = "i8s-app-0";
    private static final String EXECUTIONS = TestSettings.NAMESPACE;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static RealApiServer api;
    private static Path appKubeconfig;

    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private StandInExecutions executions;

    @BeforeAll
    static void startApiServerAndInstallChart() {
        api = RealApiServer.startOrSkip();
        KubernetesClient admin = api.admin();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(RenderedChart.RELEASE_NAMESPACE).endMetadata().build()).create();
        for (HasMetadata object : RenderedChart.render(Map.of()).objects()) {
            admin.resource(object).create();
        }
        // No controller-manager computes quota usage; until it is known, quota admission refuses every pod.
        admin.resourceQuotas().inNamespace(EXECUTIONS).withName("executions-quota").editStatus(quota -> {
            quota.setStatus(new io.fabric8.kubernetes.api.model.ResourceQuotaStatus(quota.getSpec().getHard(),
                    zeroUsage(quota)));
            return quota;
        });
        // Camel's leader election counts ready pods with the app's labels; this stands for the app's own pod.
        admin.pods().inNamespace(RenderedChart.RELEASE_NAMESPACE).resource(new PodBuilder().withNewMetadata()
                .withName(APP_POD).addToLabels("app.kubernetes.io/name", "integr8scode")
                .addToLabels("app.kubernetes.io/instance", RenderedChart.RELEASE).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("integr8scode:test").endContainer()
                .endSpec().build()).create();
        setStatus(RenderedChart.RELEASE_NAMESPACE, APP_POD, new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
        String token = admin.serviceAccounts().inNamespace(RenderedChart.RELEASE_NAMESPACE).withName(RenderedChart.RELEASE)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        appKubeconfig = api.kubeconfigWithToken(token);
    }

    @AfterAll
    static void stopApiServer() {
        if (api != null) {
            api.stop();
        }
    }

    @DynamicPropertySource
    static void pointAtApiServer(DynamicPropertyRegistry registry) {
        registry.add("integr8scode.kubernetes.kubeconfig", () -> appKubeconfig.toString());
    }

    @Test
    void appCreatesARestrictedPodThatTheApiServerAccepts() {
        Pod pod = run("real-1");
        assertThat(pod.getMetadata().getUid()).isNotBlank();
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits())
                .containsEntry("ephemeral-storage", new Quantity("64Mi"));
    }

    @Test
    void redeliveryMeetsARealConflictAndKeepsOnePod() {
        run("real-redelivered");
        producer.sendBody("direct:run-kubernetes", TestSettings.job("real-redelivered"));
        assertThat(api.admin().pods().inNamespace(EXECUTIONS)
                .withLabel(ExecutionPodNaming.EXECUTION_ID_LABEL, "real-redelivered").list().getItems()).hasSize(1);
        assertThat(executions.completionsOf("real-redelivered")).isEmpty();
    }

    @Test
    void deadlineExceededIsSeenThroughTheRealWatchOrPollAndThePodIsDeleted() {
        run("real-deadline");
        setStatus(EXECUTIONS, "exec-real-deadline", PodStatuses.deadlineExceeded());

        await().atMost(SETTLE).until(() -> !executions.completionsOf("real-deadline").isEmpty());
        assertThat(executions.completionsOf("real-deadline")).singleElement()
                .satisfies(c -> assertThat(c.result().outcome()).isEqualTo(Outcome.TIMEOUT));
        await().atMost(SETTLE).until(() -> podGone("exec-real-deadline"));
    }

    @Test
    void oomKilledPodWithoutAReadableLogFailsOnMemoryEvidence() {
        run("real-oom");
        setStatus(EXECUTIONS, "exec-real-oom", PodStatuses.oomKilled());

        await().atMost(SETTLE).until(() -> !executions.completionsOf("real-oom").isEmpty());
        assertThat(executions.completionsOf("real-oom").get(0).result().failureReason())
                .isEqualTo("memory limit exceeded (128 MB)");
        await().atMost(SETTLE).until(() -> podGone("exec-real-oom"));
    }

    @Test
    void podThatNoExecutionKnowsIsDeleted() {
        api.admin().pods().inNamespace(EXECUTIONS).resource(TestSettings.pod("stray", TestSettings.defaults())).create();
        await().atMost(SETTLE).until(() -> podGone("exec-stray"));
    }

    @Test
    void namespaceRefusesPodsThatBaselineAllowsButExecutionPodsNeverNeed() {
        // The chart's ValidatingAdmissionPolicy becomes active a moment after it is created: retry with fresh names.
        await().atMost(SETTLE).untilAsserted(() -> {
            Pod chown = new PodBuilder(TestSettings.pod("chown", TestSettings.defaults()))
                    .editMetadata().withName(null).withGenerateName("exec-chown-").endMetadata()
                    .editSpec().editFirstContainer().editSecurityContext().editCapabilities().addToAdd("CHOWN")
                    .endCapabilities().endSecurityContext().endContainer().endSpec().build();
            assertThatThrownBy(() -> api.admin().pods().inNamespace(EXECUTIONS).resource(chown).create())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("add at most KILL, SETGID, SETPCAP and SETUID");
        });
    }

    @Test
    void namespaceRefusesPodsBeyondBaselinePodSecurity() {
        Pod privileged = new PodBuilder().withNewMetadata().withName("privileged").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage(TestSettings.defaults().image())
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();
        assertThatThrownBy(() -> api.admin().pods().inNamespace(EXECUTIONS).resource(privileged).create())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("PodSecurity");
    }

    @Test
    void serviceAccountMayManagePodsInTheExecutionsNamespaceOnly() {
        try (KubernetesClient asApp = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(readKubeconfig())).build()) {
            assertThat(asApp.pods().inNamespace(EXECUTIONS).list().getItems()).isNotNull();
            Pod elsewhere = TestSettings.pod("elsewhere", TestSettings.defaults());
            for (String namespace : new String[] {"default", RenderedChart.RELEASE_NAMESPACE}) {
                assertThatThrownBy(() -> asApp.pods().inNamespace(namespace).resource(elsewhere).create())
                        .isInstanceOfSatisfying(KubernetesClientException.class,
                                e -> assertThat(e.getCode()).isEqualTo(403));
            }
            assertThatThrownBy(() -> asApp.secrets().inNamespace(EXECUTIONS).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
            assertThatThrownBy(() -> asApp.configMaps().inNamespace(EXECUTIONS).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        }
    }

    @Test
    void leaderElectionHoldsItsLeaseWithTheChartsPermissions() {
        await().atMost(SETTLE).until(() -> leaseHolder() != null);
        assertThat(leaseHolder()).isEqualTo(APP_POD);
    }

    private String leaseHolder() {
        return api.admin().leases().inNamespace(RenderedChart.RELEASE_NAMESPACE).list().getItems().stream()
                .map(Lease::getSpec).filter(spec -> spec != null && spec.getHolderIdentity() != null)
                .map(spec -> spec.getHolderIdentity()).findFirst().orElse(null);
    }

    private Pod run(String executionId) {
        executions.running(executionId);
        producer.sendBody("direct:run-kubernetes", TestSettings.job(executionId));
        assertThat(executions.completionsOf(executionId)).as("creation failures complete at once").isEmpty();
        Pod pod = api.admin().pods().inNamespace(EXECUTIONS).withName("exec-" + executionId).get();
        assertThat(pod).as("pod of " + executionId).isNotNull();
        return pod;
    }

    private static boolean podGone(String name) {
        return api.admin().pods().inNamespace(EXECUTIONS).withName(name).get() == null;
    }

    private static void setStatus(String namespace, String pod, PodStatus status) {
        api.admin().pods().inNamespace(namespace).withName(pod)
                .editStatus(current -> new PodBuilder(current).withStatus(status).build());
    }

    private static Map<String, Quantity> zeroUsage(ResourceQuota quota) {
        Map<String, Quantity> used = new java.util.HashMap<>();
        quota.getSpec().getHard().keySet().forEach(key -> used.put(key, new Quantity("0")));
        return used;
    }

    private static String readKubeconfig() {
        try {
            return java.nio.file.Files.readString(appKubeconfig);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The runner alone with the pipeline stand-ins; nested in a test class, so no component scan picks it up. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration",
            "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration"})
    @Import({KubernetesRunnerConfiguration.class, SandboxMetrics.class})
    static class App {
        @Bean
        StandInExecutions standInExecutions() {
            return new StandInExecutions();
        }
    }
}
