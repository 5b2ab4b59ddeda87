package io.integr8scode.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the pod of a cancelled execution and keeps its output: its {@code activeDeadlineSeconds} is lowered to
 * the pod's age (the API allows lowering it), so the kubelet stops it at once as at any deadline: SIGTERM, to which
 * the bootstrap answers by killing the script and printing its result frame. The pod and its log stay until the
 * settle route (kubernetes-completion.yaml) has read them. If the patch is refused, the pod is deleted instead
 * (its output is then lost). A pod that does not exist (not created yet, or already gone) is not an error.
 */
class PodStopper {

    private static final Logger LOG = LoggerFactory.getLogger(PodStopper.class);
    private static final int NOT_FOUND = 404;

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;

    PodStopper(KubernetesClient client, String namespace, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** What was done: {@code deadline} (lowered), {@code deleted} (the fallback) or {@code absent} (no such pod). */
    public String stop(String executionId) {
        PodResource pod = client.pods().inNamespace(namespace).withName(ExecutionPodNaming.podName(executionId));
        try {
            Pod current = pod.get();
            if (current == null) {
                return "absent";
            }
            pod.patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"activeDeadlineSeconds\":" + deadlineNow(current) + "}}");
            return "deadline";
        } catch (KubernetesClientException e) {
            if (e.getCode() == NOT_FOUND) {
                return "absent";
            }
            LOG.warn("execution {}: could not lower its pod's deadline ({}); deleting the pod", executionId, e.getMessage());
        }
        try {
            pod.delete();
            return "deleted";
        } catch (KubernetesClientException e) {
            if (e.getCode() == NOT_FOUND) {
                return "absent";
            }
            throw e;
        }
    }

    /**
     * The pod's age in whole seconds, at least 1 (the lowest deadline the API accepts): the kubelet counts the
     * deadline from the pod's start, so a deadline of its age has passed already.
     */
    long deadlineNow(Pod pod) {
        String start = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        if (start == null) {
            return 1;
        }
        return Math.max(1, Duration.between(Instant.parse(start), clock.instant()).toSeconds());
    }
}
