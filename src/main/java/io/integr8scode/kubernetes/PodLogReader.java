package io.integr8scode.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads the log of an execution pod's container, capped so a chatty script cannot exhaust the app's memory. */
class PodLogReader {

    private final KubernetesClient client;

    PodLogReader(KubernetesClient client) {
        this.client = client;
    }

    String read(String namespace, String podName, long limitBytes) {
        return client.pods().inNamespace(namespace).withName(podName)
                .inContainer(ExecutionPodFactory.CONTAINER_NAME)
                .limitBytes((int) Math.min(limitBytes, Integer.MAX_VALUE))
                .getLog();
    }
}
