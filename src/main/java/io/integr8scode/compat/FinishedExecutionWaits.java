package io.integr8scode.compat;

import io.integr8scode.execution.Execution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * The bounded wait of the APIs that answer with a finished execution (Judge0's {@code ?wait=true}, Piston's
 * execute), for {@code routes/await-execution.yaml}. A waiting request sleeps until a status event of its
 * execution arrives from the events topic, and reads the store again at least every {@link #RECHECK}: an
 * event is not persistent, and one published between a read and the pause is not seen.
 */
@Component("finishedExecutionWaits")
public class FinishedExecutionWaits {

    static final Duration RECHECK = Duration.ofSeconds(1);

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Clock clock;

    FinishedExecutionWaits(Clock clock) {
        this.clock = clock;
    }

    /** When a wait of this length that starts now ends. */
    public Instant deadline(Duration wait) {
        return clock.instant().plus(wait);
    }

    /** True while the execution (null: not visible) is unfinished and the deadline has not passed. */
    public boolean keepWaiting(Execution execution, Instant deadline) {
        return execution != null && !execution.status().isTerminal() && clock.instant().isBefore(deadline);
    }

    /** Sleeps until a status event of the execution, the next recheck or the deadline, whichever is first. */
    public void pause(String executionId, Instant deadline) throws InterruptedException {
        long millis = Math.min(RECHECK.toMillis(), Duration.between(clock.instant(), deadline).toMillis());
        if (millis <= 0) {
            return;
        }
        CompletableFuture<Void> event = waiting.computeIfAbsent(executionId, id -> new CompletableFuture<>());
        try {
            event.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException recheck) {
            // Nothing arrived in time: the caller reads the store again.
        } finally {
            waiting.remove(executionId, event);
        }
    }

    /** A status event of the execution arrived: wakes whoever waits for it. */
    public void wake(String executionId) {
        CompletableFuture<Void> event = executionId == null ? null : waiting.remove(executionId);
        if (event != null) {
            event.complete(null);
        }
    }
}
