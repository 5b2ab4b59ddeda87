package io.integr8scode.monitoring;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.integr8scode.sandbox.SandboxResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;

/**
 * Sandboxes and pods. Local runner: live sandboxes (exchanges inside the run-local-sandbox route, which holds one
 * for exactly the run) and the sandbox overhead of each run. Kubernetes runner: pods by phase as the last poll
 * listed them, and each pod's start (created to container started). Every meter exists under both runners, so a
 * dashboard shows 0 instead of nothing.
 */
@Component("sandboxMetrics")
public class SandboxMetrics {

    static final String LOCAL_RUN_ROUTE = "run-local-sandbox";
    static final List<String> PHASES = List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");

    private final Timer localOverhead;
    private final Timer podStart;
    private final Map<String, AtomicLong> podsByPhase = new LinkedHashMap<>();

    SandboxMetrics(MeterRegistry registry, CamelContext camel) {
        Gauge.builder("integr8scode.sandboxes.live", camel, context -> context.getInflightRepository().size(LOCAL_RUN_ROUTE))
                .description("Local sandboxes running a script now")
                .register(registry);
        localOverhead = ExecutionMetrics.histogram("integr8scode.sandbox.overhead",
                        "Local runner: a run's wall time beyond the script's own (bundle, container start and removal)")
                .register(registry);
        podStart = ExecutionMetrics.histogram("integr8scode.pod.start",
                        "Kubernetes runner: time from pod creation to its container's start")
                .register(registry);
        for (String phase : PHASES) {
            AtomicLong count = new AtomicLong();
            podsByPhase.put(phase, count);
            Gauge.builder("integr8scode.pods", count, AtomicLong::get)
                    .description("Execution pods by phase, as the last poll listed them")
                    .tag("phase", phase)
                    .register(registry);
        }
    }

    /** The start of a local run, for {@link #recordLocalRun}. */
    public long clock() {
        return System.nanoTime();
    }

    /** Nanos of {@link #clock()} when the local run began; the run's result. */
    public void recordLocalRun(long startedNanos, SandboxResult result) {
        long wallMs = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        // A run without the bootstrap's report has no script time to subtract: its overhead is unknown.
        if (result.exitCode() != null) {
            localOverhead.record(Duration.ofMillis(Math.max(0, wallMs - result.durationMs())));
        }
    }

    /** The managed pods the poll listed. */
    public void countPhases(Collection<Pod> pods) {
        Map<String, Long> counts = new LinkedHashMap<>();
        PHASES.forEach(phase -> counts.put(phase, 0L));
        for (Pod pod : pods) {
            counts.merge(phaseOf(pod), 1L, Long::sum);
        }
        counts.forEach((phase, count) -> podsByPhase.get(phase).set(count));
    }

    /** A pod being settled: from its creation to its container's start, when it started at all. */
    public void recordPodStart(Pod pod) {
        startDelay(pod).ifPresent(podStart::record);
    }

    /** A pod without a phase yet is pending, as the Kubernetes runner's classifier reads it. */
    static String phaseOf(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (phase == null) {
            return "Pending";
        }
        return PHASES.contains(phase) ? phase : "Unknown";
    }

    static Optional<Duration> startDelay(Pod pod) {
        if (pod.getMetadata() == null || pod.getMetadata().getCreationTimestamp() == null || pod.getStatus() == null
                || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
        return pod.getStatus().getContainerStatuses().stream()
                .map(SandboxMetrics::containerStartedAt)
                .flatMap(Optional::stream)
                .findFirst()
                .map(started -> Duration.between(created, started))
                .filter(delay -> !delay.isNegative());
    }

    private static Optional<Instant> containerStartedAt(ContainerStatus status) {
        if (status.getState() == null) {
            return Optional.empty();
        }
        String started = status.getState().getTerminated() != null ? status.getState().getTerminated().getStartedAt()
                : status.getState().getRunning() != null ? status.getState().getRunning().getStartedAt() : null;
        return started == null ? Optional.empty() : Optional.of(Instant.parse(started));
    }
}
