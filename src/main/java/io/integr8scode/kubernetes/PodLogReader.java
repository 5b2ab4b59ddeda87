package io.integr8scode.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Reads the log of an execution pod's container, capped so a chatty script cannot exhaust the app's memory.
 * camel-kubernetes' pods producer has no log operation, so the settle route calls this bean ({@code podLogReader})
 * and keeps the text in a variable.
 */
class PodLogReader {

    private final KubernetesClient client;
    private final long limitBytes;

    PodLogReader(KubernetesClient client, long limitBytes) {
        this.client = client;
        this.limitBytes = limitBytes;
    }

    /** The container's log; a failing API call throws {@code KubernetesClientException}. */
    public String read(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .inContainer(ExecutionPodFactory.CONTAINER_NAME)
                .limitBytes((int) Math.min(limitBytes, Integer.MAX_VALUE))
                .getLog();
    }
}
