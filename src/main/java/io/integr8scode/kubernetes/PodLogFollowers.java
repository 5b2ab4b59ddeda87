package io.integr8scode.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.integr8scode.sandbox.LiveOutputReader;
import io.integr8scode.sandbox.OutputObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Live output under the Kubernetes runner: follows the log of each execution pod whose script container runs, and
 * hands the bootstrap's live output lines to the execution's observer. One thread per running pod; it ends when the
 * container ends (the log stream closes), when the pod is deleted, at the pod's deadline plus a grace, or at close.
 * The completion path does not depend on it: the settle route still reads the whole log once the pod has ended.
 * Registered as {@code podLogFollowers}; the pod watch and poll routes call {@link #follow} for every pod they see.
 */
final class PodLogFollowers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodLogFollowers.class);
    /** A follower that ended is remembered this long (so a pod still shown running is not followed twice). */
    private static final Duration REMEMBER_ENDED = Duration.ofHours(1);
    private static final int READY_WAIT_MS = 10_000;

    private final KubernetesClient client;
    private final Function<String, OutputObserver> observers;
    private final long limitBytes;
    private final Duration grace;
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pod-log-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /**
     * @param observers  where an execution's live output goes; {@link OutputObserver#NONE} means nobody listens
     * @param limitBytes live output passed on per stream
     * @param grace      how long past a pod's activeDeadlineSeconds a follower may run
     */
    PodLogFollowers(KubernetesClient client, Function<String, OutputObserver> observers, long limitBytes,
                    Duration grace) {
        this.client = client;
        this.observers = observers;
        this.limitBytes = limitBytes;
        this.grace = grace;
    }

    /**
     * Starts following a pod whose script runs, once per pod; forgets a deleted one ({@code watchAction} DELETED).
     * Never throws: live output must not stand in the way of the settle path that calls it.
     */
    public void follow(Pod pod, String watchAction) {
        try {
            followOrForget(pod, watchAction);
        } catch (RuntimeException failed) {
            LOG.warn("cannot follow the log of pod {}: {}", pod.getMetadata().getName(), failed.toString());
        }
    }

    private void followOrForget(Pod pod, String watchAction) {
        String uid = pod.getMetadata().getUid();
        if (uid == null) {
            return;
        }
        if ("DELETED".equals(watchAction)) {
            Optional.ofNullable(followers.remove(uid)).ifPresent(Follower::stop);
            return;
        }
        String executionId = ExecutionPodNaming.executionId(pod).orElse(null);
        if (closed || executionId == null || !scriptRunning(pod) || followers.containsKey(uid)) {
            return;
        }
        OutputObserver observer = observers.apply(executionId);
        if (observer == OutputObserver.NONE) {
            return;
        }
        forgetEnded();
        followers.computeIfAbsent(uid, key -> new Follower(pod, observer));
    }

    /** Pods followed right now, for tests. */
    int following() {
        return (int) followers.values().stream().filter(follower -> follower.ended == null).count();
    }

    @Override
    public void close() {
        closed = true;
        followers.values().forEach(Follower::stop);
        followers.clear();
        deadlines.shutdownNow();
    }

    private void forgetEnded() {
        Instant before = Instant.now().minus(REMEMBER_ENDED);
        followers.values().removeIf(follower -> follower.ended != null && follower.ended.isBefore(before));
    }

    private static boolean scriptRunning(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(status -> ExecutionPodFactory.CONTAINER_NAME.equals(status.getName()))
                .map(ContainerStatus::getState)
                .anyMatch(state -> state != null && state.getRunning() != null);
    }

    /** One pod's log, read on its own thread until the stream ends. */
    private final class Follower {
        private final String podName;
        private final Thread thread;
        private volatile LogWatch watch;
        private volatile boolean stopped;
        private volatile Instant ended;

        Follower(Pod pod, OutputObserver observer) {
            this.podName = pod.getMetadata().getName();
            String namespace = pod.getMetadata().getNamespace();
            Long deadline = pod.getSpec() == null ? null : pod.getSpec().getActiveDeadlineSeconds();
            this.thread = new Thread(() -> read(namespace, observer), "pod-log-" + podName);
            thread.setDaemon(true);
            thread.start();
            long seconds = (deadline == null ? 600 : deadline) + grace.toSeconds();
            deadlines.schedule(this::stop, seconds, TimeUnit.SECONDS);
        }

        private void read(String namespace, OutputObserver observer) {
            LiveOutputReader reader = new LiveOutputReader(observer, limitBytes);
            try (LogWatch opened = client.pods().inNamespace(namespace).withName(podName)
                    .inContainer(ExecutionPodFactory.CONTAINER_NAME).withReadyWaitTimeout(READY_WAIT_MS).watchLog()) {
                watch = opened;
                if (stopped) {
                    return;
                }
                InputStream log = opened.getOutput();
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = log.read(buffer)) >= 0; ) {
                    reader.accept(buffer, 0, n);
                }
            } catch (IOException | RuntimeException failed) {
                if (!stopped) {
                    LOG.debug("following the log of pod {} ended: {}", podName, failed.toString());
                }
            } finally {
                ended = Instant.now();
            }
        }

        void stop() {
            stopped = true;
            LogWatch opened = watch;
            if (opened != null) {
                opened.close();
            }
        }
    }
}
