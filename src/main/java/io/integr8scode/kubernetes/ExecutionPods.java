package io.integr8scode.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.integr8scode.execution.Execution;
import io.integr8scode.execution.ExecutionStatus;
import io.integr8scode.sandbox.BootstrapProtocol;
import io.integr8scode.sandbox.ExecutionLimits;
import io.integr8scode.sandbox.RunEvidence;
import io.integr8scode.sandbox.SandboxJob;
import io.integr8scode.sandbox.SandboxProperties;
import io.integr8scode.sandbox.SandboxResult;
import io.integr8scode.sandbox.SandboxResult.ResourceUsage;

/**
 * What the Kubernetes routes call: pod specs, pod verdicts and execution results. Registered as
 * {@code executionPods}; every method takes what it needs and returns a value for the route to keep.
 */
class ExecutionPods {

    private final KubernetesRunnerProperties settings;
    private final SandboxProperties sandbox;
    private final PodStateClassifier classifier;
    private final Clock clock;

    ExecutionPods(KubernetesRunnerProperties settings, SandboxProperties sandbox, Clock clock) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.clock = clock;
        this.classifier = new PodStateClassifier(settings.unschedulableWait(),
                Duration.ofSeconds(sandbox.killGraceSeconds()));
    }

    /** The pod of a job: the shared bootstrap on the configured image, the job inline in its environment. */
    public Pod podFor(SandboxJob job) {
        var spec = sandbox.specFor(job.limits());
        PodLaunch launch = new PodLaunch(List.of("python3", "-I", "-S", "-c", BootstrapProtocol.bootstrapSource()),
                BootstrapProtocol.environmentFor(job, spec));
        return ExecutionPodFactory.build(job.executionId(), spec, launch, settings);
    }

    public Map<String, String> managedSelector() {
        return ExecutionPodNaming.managedSelector();
    }

    public String executionIdOf(Pod pod) {
        return ExecutionPodNaming.executionId(pod).orElse(null);
    }

    /** The verdict on a pod as the watch ({@code watchAction} ADDED, MODIFIED or DELETED) or the poll (null) saw it. */
    public PodVerdict classify(Pod pod, String watchAction) {
        return classifier.classify(pod, clock.instant(), "DELETED".equals(watchAction));
    }

    /**
     * What to do with an observed pod given its execution (null when unknown): a pod whose execution is unknown or
     * already terminal is only deleted; a settling verdict on a running execution settles it.
     */
    public PodDecision decide(Execution execution, PodVerdict verdict) {
        ExecutionStatus status = execution == null ? null : execution.status();
        if (status == null || status.isTerminal()) {
            return verdict.podGone() ? PodDecision.LEAVE : PodDecision.DISCARD;
        }
        return status == ExecutionStatus.RUNNING && verdict.settles() ? PodDecision.SETTLE : PodDecision.LEAVE;
    }

    enum PodDecision { SETTLE, DISCARD, LEAVE }

    /**
     * The result the bootstrap printed to the pod's log, completed by what the pod status shows. A pod stopped at
     * its deadline ended as its verdict says, with the output its log holds (none without a frame).
     */
    public SandboxResult resultFromLog(Pod pod, ExecutionLimits limits, String log, PodVerdict verdict) {
        SandboxResult result = BootstrapProtocol.parse(log, evidence(pod, limits));
        if (verdict.outcome() == null) {
            return result;
        }
        return new SandboxResult(verdict.outcome(), result.exitCode(), result.output(), result.errors(),
                result.outputTruncated(), verdict.failureReason(), durationMs(pod), result.usage());
    }

    /** The result when the pod ended but its log could not be read. */
    public SandboxResult unreadableLog(Pod pod, ExecutionLimits limits, KubernetesClientException cause, PodVerdict verdict) {
        if (verdict.outcome() != null) {
            return endedWithoutResult(pod, verdict);
        }
        return evidence(pod, limits).withoutReport("the pod's log could not be read (HTTP " + cause.getCode() + ")");
    }

    /** The result of a pod that ended without a log worth reading; the verdict says how. */
    public SandboxResult endedWithoutResult(Pod pod, PodVerdict verdict) {
        return new SandboxResult(verdict.outcome(), null, "", "", false, verdict.failureReason(), durationMs(pod),
                ResourceUsage.UNKNOWN);
    }

    /** The failure recorded when the pod could not be created or the API kept failing. */
    public SandboxResult platformFailure(Exception cause) {
        String detail = cause instanceof KubernetesClientException kce && kce.getCode() > 0
                ? "HTTP " + kce.getCode() : cause.getClass().getSimpleName();
        return SandboxResult.platformFailure(
                "the Kubernetes API did not accept the execution pod (" + detail + "): " + cause.getMessage(), 0);
    }

    private RunEvidence evidence(Pod pod, ExecutionLimits limits) {
        return new RunEvidence(limits, PodStateClassifier.oomKilled(pod.getStatus()), durationMs(pod));
    }

    private long durationMs(Pod pod) {
        return Duration.between(startOf(pod), clock.instant()).toMillis();
    }

    private static Instant startOf(Pod pod) {
        String start = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        return Instant.parse(start != null ? start : pod.getMetadata().getCreationTimestamp());
    }
}
