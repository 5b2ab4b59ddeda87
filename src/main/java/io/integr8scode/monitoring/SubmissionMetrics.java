package io.integr8scode.monitoring;

import com.mongodb.MongoException;
import io.integr8scode.api.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Submissions by channel: {@code integr8scode.submissions} counts the accepted ones (intake calls
 * {@link #accepted}), {@code integr8scode.submissions.refused} the refused ones by reason, seen as a submission
 * exchange that completed with a caught exception and nothing accepted. The channel is the route the exchange
 * came in by (the REST operations' and queue consumer's route ids), so no route has to name it.
 */
@Component("submissionMetrics")
public class SubmissionMetrics extends EventNotifierSupport {

    static final String ACCEPTED = "integr8scodeSubmissionAccepted";

    /** Entry route id → channel; an exchange from any other route submits nothing. */
    private static final Map<String, String> CHANNELS = Map.of(
            "rest-submit-execution", "http",
            "rest-execute", "http",
            "rest-run-script", "saved_script",
            "submit-over-queue", "queue",
            "judge0-rest-create-submission", "judge0",
            "judge0-rest-create-submission-batch", "judge0",
            "piston-rest-execute", "piston");

    static final List<String> REFUSAL_REASONS =
            List.of("validation", "not_found", "rate_limit", "cap", "queue_full", "unavailable", "error");

    private final MeterRegistry registry;

    SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists from the start (at 0), so rates and alerts have something to read before the first one.
        for (String channel : Set.copyOf(CHANNELS.values())) {
            accepted(channel);
            REFUSAL_REASONS.forEach(reason -> refused(channel, reason));
        }
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    /** Intake stored and enqueued an execution of this exchange. */
    public void accepted(Exchange exchange) {
        exchange.setProperty(ACCEPTED, true);
        accepted(channelOf(exchange.getFromRouteId())).increment();
    }

    private Counter accepted(String channel) {
        return Counter.builder("integr8scode.submissions")
                .description("Accepted submissions (stored and queued executions) by channel")
                .tag("channel", channel)
                .register(registry);
    }

    private Counter refused(String channel, String reason) {
        return Counter.builder("integr8scode.submissions.refused")
                .description("Refused submissions by channel and reason")
                .tag("channel", channel)
                .tag("reason", reason)
                .register(registry);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCompletedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeCompletedEvent) event).getExchange();
        // Exchanges sent by a ProducerTemplate straight to an endpoint have no route.
        String channel = exchange.getFromRouteId() == null ? null : CHANNELS.get(exchange.getFromRouteId());
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (channel == null || caught == null || exchange.getProperty(ACCEPTED) != null) {
            return;
        }
        refused(channel, refusalReason(caught)).increment();
    }

    static String channelOf(String fromRouteId) {
        return CHANNELS.getOrDefault(fromRouteId, "other");
    }

    /** validation, not_found, rate_limit, cap, queue_full, unavailable or error. */
    static String refusalReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {
                return switch (problem.status()) {
                    case 404 -> "not_found";
                    case 429 -> problem.isCapReached() ? "cap" : "rate_limit";
                    case 503 -> "Queue full".equals(problem.title()) ? "queue_full" : "unavailable";
                    default -> problem.status() < 500 ? "validation" : "error";
                };
            }
            if (cause instanceof MongoException) {
                return "unavailable";
            }
        }
        return "error";
    }
}
