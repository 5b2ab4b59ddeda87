package io.integr8scode.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The running sandboxes of this process by execution id (cold and pooled alike), and the stops asked for. A stop
 * sends the container SIGTERM: its bootstrap then kills the script and still prints its result frame, so the
 * output written until then is kept. If the container is still registered after the grace period, it gets
 * SIGKILL. A stop that arrives before its sandbox registers (the cancel raced the claim) is remembered for a while
 * and applied on registration.
 */
final class SandboxStops {

    /** Stops remembered for executions not (yet) running here: every instance hears every stop. */
    private static final int REMEMBERED_STOPS = 1024;

    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Set<String> requested = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_STOPS;
                }
            }));
    private final Consumer<String> terminate;
    private final Consumer<String> kill;
    private final Executor afterGrace;

    /**
     * @param terminate  sends SIGTERM to a container
     * @param kill       sends SIGKILL to a container
     * @param afterGrace runs the SIGKILL backstop once the grace period has passed
     */
    SandboxStops(Consumer<String> terminate, Consumer<String> kill, Executor afterGrace) {
        this.terminate = terminate;
        this.kill = kill;
        this.afterGrace = afterGrace;
    }

    /** The container now runs the execution's script; stopped at once if its stop came first. */
    void register(String executionId, String containerId) {
        running.put(executionId, containerId);
        if (requested.contains(executionId)) {
            stopContainer(executionId, containerId);
        }
    }

    /** The run in this container ended (before the container is deleted). */
    void unregister(String executionId, String containerId) {
        running.remove(executionId, containerId);
    }

    /** Whether the execution's stop was asked for (before its run starts, or once it is over); forgets the request. */
    boolean forget(String executionId) {
        return requested.remove(executionId);
    }

    /** Stops the execution's sandbox if it runs here; remembers the stop if it may start here soon. */
    void stop(String executionId) {
        requested.add(executionId);
        String containerId = running.get(executionId);
        if (containerId != null) {
            stopContainer(executionId, containerId);
        }
    }

    boolean isRunning(String executionId) {
        return running.containsKey(executionId);
    }

    private void stopContainer(String executionId, String containerId) {
        terminate.accept(containerId);
        afterGrace.execute(() -> {
            if (containerId.equals(running.get(executionId))) {
                kill.accept(containerId);
            }
        });
    }
}
