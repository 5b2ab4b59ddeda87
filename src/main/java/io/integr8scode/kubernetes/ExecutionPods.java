package io.integr8scode.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.integr8scode.sandbox.BootstrapProtocol;
import io.integr8scode.sandbox.RunEvidence;
import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.SandboxResult;
import io.integr8scode.sandbox.SandboxResult.ResourceUsage;
import org.apache.camel.Header;
import org.bson.Document;

/** What the Kubernetes routes call: pod specs, pod verdicts and execution results. Registered as {@code executionPods}. */
class ExecutionPods {

    private static final Set<String> TERMINAL_STATUSES = Set.of("completed", "failed", "timeout");

    private final KubernetesRunnerProperties settings;
    private final long outputLimitBytes;
    private final PodStateClassifier classifier;
    private final PodLogReader logReader;
    private final Clock clock;

    ExecutionPods(KubernetesRunnerProperties settings, long outputLimitBytes, PodLogReader logReader, Clock clock) {
        this.settings = settings;
        this.outputLimitBytes = outputLimitBytes;
        this.logReader = logReader;
        this.clock = clock;
        this.classifier = new PodStateClassifier(settings.unschedulableWait(), settings.deadlineGrace());
    }

    /** The pod of a job: the shared bootstrap on a stock Python image, the job inline in its environment. */
    public Pod podFor(SandboxJob job) {
        PodLaunch launch = new PodLaunch(List.of("python3", "-I", "-S", "-c", BootstrapProtocol.bootstrapSource()),
                BootstrapProtocol.environmentFor(job, outputLimitBytes));
        return ExecutionPodFactory.build(job, launch, settings);
    }

    public Map<String, String> managedSelector() {
        return ExecutionPodNaming.managedSelector();
    }

    public String executionIdOf(Pod pod) {
        return ExecutionPodNaming.executionId(pod).orElse(null);
    }

    public PodVerdict classify(Pod pod, @Header("CamelKubernetesEventAction") Object watchAction) {
        return classifier.classify(pod, clock.instant(), "DELETED".equals(String.valueOf(watchAction)));
    }

    /**
     * What to do with an observed pod given its execution (null when unknown): a pod whose execution is unknown or
     * already terminal is only deleted; a settling verdict on a running execution settles it.
     */
    public PodDecision decide(Document execution, @Header("podVerdict") PodVerdict verdict) {
        if (execution == null || TERMINAL_STATUSES.contains(execution.getString("status"))) {
            return verdict.podGone() ? PodDecision.LEAVE : PodDecision.DISCARD;
        }
        boolean running = "running".equals(execution.getString("status"));
        return running && verdict.settles() ? PodDecision.SETTLE : PodDecision.LEAVE;
    }

    enum PodDecision { SETTLE, DISCARD, LEAVE }

    public SandboxResult resultOf(Pod pod, PodVerdict verdict) {
        long durationMs = Duration.between(startOf(pod), clock.instant()).toMillis();
        if (verdict.action() == PodVerdict.Action.END) {
            return new SandboxResult(verdict.outcome(), null, "", "", false, verdict.failureReason(), durationMs,
                    ResourceUsage.UNKNOWN);
        }
        RunEvidence evidence = new RunEvidence(ExecutionPodFactory.limitsOf(pod),
                PodStateClassifier.oomKilled(pod.getStatus()), durationMs);
        String log;
        try {
            log = logReader.read(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    BootstrapProtocol.maxFrameBytes(outputLimitBytes));
        } catch (KubernetesClientException e) {
            return evidence.withoutReport("the pod's log could not be read (HTTP " + e.getCode() + ")");
        }
        return BootstrapProtocol.parse(log, evidence);
    }

    /** The failure recorded when the pod could not be created or the API kept failing. */
    public SandboxResult platformFailure(Exception cause) {
        String detail = cause instanceof KubernetesClientException kce && kce.getCode() > 0
                ? "HTTP " + kce.getCode() : cause.getClass().getSimpleName();
        return SandboxResult.platformFailure(
                "the Kubernetes API did not accept the execution pod (" + detail + "): " + cause.getMessage(), 0);
    }

    private static Instant startOf(Pod pod) {
        String start = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        return Instant.parse(start != null ? start : pod.getMetadata().getCreationTimestamp());
    }
}
