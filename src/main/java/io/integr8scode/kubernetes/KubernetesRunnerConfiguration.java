package io.integr8scode.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.integr8scode.execution.LiveOutputRelay;
import io.integr8scode.sandbox.BootstrapProtocol;
import io.integr8scode.sandbox.OutputObserver;
import io.integr8scode.sandbox.SandboxProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the Kubernetes runner; none exist unless {@code integr8scode.runner=kubernetes}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "integr8scode.runner", havingValue = "kubernetes")
@EnableConfigurationProperties({KubernetesRunnerProperties.class, SandboxProperties.class})
class KubernetesRunnerConfiguration {

    // Pods settled on this replica; a watch event and a poll seeing the same pod settle it once.
    private static final int SETTLED_PODS_REMEMBERED = 10_000;

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(KubernetesRunnerProperties settings) {
        return new KubernetesClientBuilder().withConfig(boundedConfig(settings)).build();
    }

    /** Pods get the local sandbox's settings ({@code integr8scode.sandbox.*}): one spec, both runners. */
    @Bean
    ExecutionPods executionPods(KubernetesRunnerProperties settings, SandboxProperties sandbox) {
        return new ExecutionPods(settings, sandbox, Clock.systemUTC());
    }

    /** Called by routes/runners/kubernetes-stop.yaml when a running execution is cancelled. */
    @Bean
    PodStopper podStopper(KubernetesClient kubernetesClient, KubernetesRunnerProperties settings) {
        return new PodStopper(kubernetesClient, settings.namespace(), Clock.systemUTC());
    }

    /** Called by the settle route; reads at most the largest stdout (live output and result frame) the output cap allows. */
    @Bean
    PodLogReader podLogReader(KubernetesClient kubernetesClient, SandboxProperties sandbox) {
        return new PodLogReader(kubernetesClient,
                BootstrapProtocol.maxStdoutBytes(sandbox.outputLimitBytes(), sandbox.artifactLimits()));
    }

    /**
     * Live output of running pods, called by the pod watch and poll routes; without the app's live output relay (a
     * test of the runner alone) nothing is followed.
     */
    @Bean(destroyMethod = "close")
    PodLogFollowers podLogFollowers(KubernetesClient kubernetesClient, SandboxProperties sandbox,
                                    ObjectProvider<LiveOutputRelay> liveOutput) {
        LiveOutputRelay relay = liveOutput.getIfAvailable();
        return new PodLogFollowers(kubernetesClient,
                executionId -> relay == null ? OutputObserver.NONE : relay.observerFor(executionId),
                sandbox.outputLimitBytes(), Duration.ofSeconds(sandbox.killGraceSeconds() + 30L));
    }

    /** Readiness ("sandbox", as for the local runner): this replica can reach the API server and list its pods. */
    @Bean("sandbox")
    HealthIndicator sandboxHealth(KubernetesRunnerProperties settings, KubernetesClient kubernetesClient) {
        return new AbstractHealthIndicator("Kubernetes API check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                kubernetesClient.pods().inNamespace(settings.namespace())
                        .withLabels(ExecutionPodNaming.managedSelector())
                        .list(new ListOptionsBuilder().withLimit(1L).build());
                builder.up().withDetail("runner", "kubernetes").withDetail("namespace", settings.namespace());
            }
        };
    }

    @Bean
    IdempotentRepository settledPods() {
        return MemoryIdempotentRepository.memoryIdempotentRepository(SETTLED_PODS_REMEMBERED);
    }

    @Bean
    CamelClusterService podCompletionLeadership(KubernetesRunnerProperties settings,
                                                KubernetesClient kubernetesClient) {
        KubernetesRunnerProperties.LeaderElection election = settings.leaderElection();
        if (!election.enabled()) {
            return new SingleReplicaClusterService();
        }
        KubernetesConfiguration configuration = new KubernetesConfiguration();
        configuration.setKubernetesClient(kubernetesClient);
        KubernetesClusterService service = new KubernetesClusterService(configuration);
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourcesNamespace(election.leaseNamespace());
        service.setKubernetesResourceName(election.leaseName());
        service.setPodName(election.podName());
        service.setClusterLabels(election.memberLabels());
        return service;
    }

    /** The master: endpoints of the completion routes find their cluster service among the context's services. */
    @Bean
    CamelContextConfiguration podCompletionLeadershipRegistration(CamelClusterService podCompletionLeadership) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                try {
                    camelContext.addService(podCompletionLeadership);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot register the pod completion leadership service", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }

    /** The client configuration with a timeout and a bounded exponential backoff on every request. */
    static Config boundedConfig(KubernetesRunnerProperties settings) {
        Config base;
        if (settings.kubeconfig() == null) {
            base = Config.autoConfigure(null);
        } else {
            try {
                base = Config.fromKubeconfig(Files.readString(Path.of(settings.kubeconfig())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kubeconfig " + settings.kubeconfig(), e);
            }
        }
        KubernetesRunnerProperties.Api api = settings.api();
        return new ConfigBuilder(base)
                .withNamespace(settings.namespace())
                .withConnectionTimeout((int) api.timeout().toMillis())
                .withRequestTimeout((int) api.timeout().toMillis())
                .withRequestRetryBackoffLimit(api.retries())
                .withRequestRetryBackoffInterval((int) api.backoff().toMillis())
                .withWatchReconnectInterval((int) api.backoff().toMillis())
                .build();
    }
}
