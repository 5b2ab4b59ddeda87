package io.integr8scode.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the platform does on its own: recovery actions ({@code integr8scode.recovery.actions}: re-enqueued queued
 * executions, executions failed as lost or dead-lettered) and replies to queue submitters
 * ({@code integr8scode.replies}: sent or failed) and webhook callbacks ({@code integr8scode.callbacks}: delivered,
 * failed_attempt, refused or given_up).
 */
@Component("deliveryMetrics")
public class DeliveryMetrics {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists from the start (at 0), so rates and alerts have something to read.
        RECOVERY_ACTIONS.forEach(this::recoveryCounter);
        REPLY_RESULTS.forEach(this::replyCounter);
        CALLBACK_RESULTS.forEach(this::callbackCounter);
    }

    static final List<String> RECOVERY_ACTIONS = List.of("requeued", "failed_lost", "failed_dead_lettered");
    static final List<String> REPLY_RESULTS = List.of("sent", "failed");
    static final List<String> CALLBACK_RESULTS = List.of("delivered", "failed_attempt", "refused", "given_up");

    /** requeued, failed_lost or failed_dead_lettered. */
    public void recovery(String action) {
        recoveryCounter(action).increment();
    }

    /** sent or failed. */
    public void reply(String result) {
        replyCounter(result).increment();
    }

    /** delivered, failed_attempt (to be tried again), refused (a forbidden address) or given_up. */
    public void callback(String result) {
        callbackCounter(result).increment();
    }

    private Counter callbackCounter(String result) {
        return Counter.builder("integr8scode.callbacks")
                .description("Webhook callback attempts and deliveries, by result")
                .tag("result", result)
                .register(registry);
    }

    private Counter recoveryCounter(String action) {
        return Counter.builder("integr8scode.recovery.actions")
                .description("Recovery actions: queued executions sent to the work queue again, executions failed as lost or dead-lettered")
                .tag("action", action)
                .register(registry);
    }

    private Counter replyCounter(String result) {
        return Counter.builder("integr8scode.replies")
                .description("Replies to queue submitters' reply-to addresses, by result")
                .tag("result", result)
                .register(registry);
    }
}
