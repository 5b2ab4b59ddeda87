package io.integr8scode.kubernetes;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * Every execution pod created in the executions namespace since the ledger opened, from the test's own watch (independent
 * of the app, which may be down): the distinct pod uids per execution id, so a pod created twice for one execution
 * shows up even when the first was deleted before the second appeared.
 */
final class PodLedger implements AutoCloseable {

    private final Map<String, Set<String>> podUidsByExecution = new ConcurrentHashMap<>();
    private final Set<String> seenRunning = ConcurrentHashMap.newKeySet();
    private final Instant opened = Instant.now().minusSeconds(1);
    private final Watch watch;

    PodLedger(KubernetesClient admin, String namespace) {
        this.watch = admin.pods().inNamespace(namespace).withLabels(ExecutionPodNaming.managedSelector())
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        if (Instant.parse(pod.getMetadata().getCreationTimestamp()).isBefore(opened)) {
                            return;
                        }
                        ExecutionPodNaming.executionId(pod).ifPresent(id -> {
                            podUidsByExecution.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet())
                                    .add(pod.getMetadata().getUid());
                            if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
                                seenRunning.add(id);
                            }
                        });
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // The test fails on its counts if the watch ended early.
                    }
                });
    }

    /** Execution ids with a pod seen since the ledger opened. */
    Set<String> executions() {
        return Set.copyOf(podUidsByExecution.keySet());
    }

    /** How many distinct pods were created for the execution. */
    int podsOf(String executionId) {
        return podUidsByExecution.getOrDefault(executionId, Set.of()).size();
    }

    /** Whether the execution's pod was seen running. */
    boolean seenRunning(String executionId) {
        return seenRunning.contains(executionId);
    }

    @Override
    public void close() {
        watch.close();
    }
}
