package io.integr8scode.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads the log of an execution pod's container, capped so a chatty script cannot exhaust the app's memory. */
class PodLogReader {

    private final KubernetesClient client;
    private final int limitBytes;

    PodLogReader(KubernetesClient client, int limitBytes) {
        this.client = client;
        this.limitBytes = limitBytes;
    }

    String read(String namespace, String podName) {
        return client.pods().inNamespace(namespace).withName(podName)
                .inContainer(ExecutionPodFactory.CONTAINER_NAME)
                .limitBytes(limitBytes)
                .getLog();
    }
}
