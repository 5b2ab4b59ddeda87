package io.integr8scode.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.monitoring.DeliveryMetrics;
import io.integr8scode.storage.MongoProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delivers a finished execution to its {@code callback_url}, in the shape of the {@link CallbackPayload} its callback
 * was stored with, and keeps the callback's state on the execution:
 * {@code callback: {url, status (pending | delivered | failed), attempts, last_error, delivered_at}}. A failed
 * attempt is recorded and thrown, so the delivery's queue message rolls back and the broker tries again later;
 * after the last attempt {@link #gaveUp} records the failure. A target that resolves to a forbidden address is
 * failed at once: it will not become allowed by waiting.
 */
@Component("callbackDelivery")
public class CallbackDelivery {

    static final String STATUS = ExecutionMapper.CALLBACK + ".status";
    static final String ATTEMPTS = ExecutionMapper.CALLBACK + ".attempts";
    static final String LAST_ERROR = ExecutionMapper.CALLBACK + ".last_error";
    private static final String PENDING = "pending";
    private static final Logger log = LoggerFactory.getLogger(CallbackDelivery.class);

    private final MongoCollection<Document> executions;
    private final CallbackTargets targets;
    private final WebhookSigner signer;
    private final Map<String, CallbackPayload> payloads;
    private final WebhookProperties properties;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final Duration strandedAfter;

    CallbackDelivery(MongoClient mongo, MongoProperties store, CallbackTargets targets, WebhookSigner signer,
                     List<CallbackPayload> payloads, WebhookProperties properties, Clock clock, DeliveryMetrics metrics,
                     @Value("${integr8scode.recovery.requeue-after}") Duration strandedAfter) {
        this.executions = mongo.getDatabase(store.database()).getCollection(ExecutionMapper.COLLECTION);
        this.targets = targets;
        this.signer = signer;
        this.payloads = payloads.stream().collect(Collectors.toUnmodifiableMap(CallbackPayload::format, Function.identity()));
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.strandedAfter = strandedAfter;
    }

    /** True when the execution has a callback still to be delivered (the completion flow asks before enqueueing). */
    public boolean isPending(String executionId) {
        return executions.countDocuments(Filters.and(Filters.eq(ExecutionMapper.ID, executionId), Filters.eq(STATUS, PENDING))) > 0;
    }

    /**
     * Finished executions whose callback is still pending long after they finished: the app died between storing the
     * final status and queueing the delivery. Read off the callback status index: only pending callbacks are read.
     */
    public List<String> stranded(int limit) {
        Date cutoff = Date.from(clock.instant().minus(strandedAfter));
        return executions.find(Filters.and(Filters.eq(STATUS, PENDING), Filters.lt(ExecutionMapper.FINISHED_AT, cutoff)))
                .projection(new Document(ExecutionMapper.ID, 1)).limit(limit)
                .map(document -> document.getString(ExecutionMapper.ID)).into(new ArrayList<>());
    }

    /** One attempt; throws {@link CallbackFailedException} when it failed and is to be tried again. */
    public void attempt(String executionId) throws CallbackFailedException {
        Document document = executions.find(Filters.and(Filters.eq(ExecutionMapper.ID, executionId), Filters.eq(STATUS, PENDING))).first();
        if (document == null) {
            return; // delivered or given up already (a duplicate message), or the execution is gone
        }
        Document callback = document.get(ExecutionMapper.CALLBACK, Document.class);
        URI url = URI.create(callback.getString("url"));
        CallbackPayload payload = payloads.get(CallbackTargets.CallbackDocuments.format(callback));
        executions.updateOne(Filters.eq(ExecutionMapper.ID, executionId), Updates.inc(ATTEMPTS, 1));
        String outcome;
        try {
            InetAddress address = targets.resolve(url);
            String body = payload.body(document);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(WebhookSigner.HEADER, signer.signature(clock.instant().getEpochSecond(), body));
            headers.put("X-Integr8sCode-Event", "execution.finished");
            headers.put("X-Integr8sCode-Delivery", executionId);
            headers.put("User-Agent", "Integr8sCode-Webhooks");
            int status = PinnedHttpRequest.send(payload.method(), url, address, body, headers, properties.timeout());
            if (status >= 200 && status < 300) {
                executions.updateOne(Filters.eq(ExecutionMapper.ID, executionId), Updates.combine(
                        Updates.set(STATUS, "delivered"), Updates.unset(LAST_ERROR),
                        Updates.set(ExecutionMapper.CALLBACK + ".delivered_at", Date.from(clock.instant()))));
                log.info("Delivered the callback of execution {} ({})", executionId, status);
                metrics.callback("delivered");
                return;
            }
            outcome = "The callback answered HTTP " + status;
        } catch (ForbiddenTargetException e) {
            executions.updateOne(Filters.eq(ExecutionMapper.ID, executionId),
                    Updates.combine(Updates.set(STATUS, "failed"), Updates.set(LAST_ERROR, e.getMessage())));
            log.warn("Refused the callback of execution {}: {}", executionId, e.getMessage());
            metrics.callback("refused");
            return;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An execution could not be written as JSON", e);
        } catch (IOException e) {
            outcome = "The callback could not be reached: " + e;
        }
        executions.updateOne(Filters.eq(ExecutionMapper.ID, executionId), Updates.set(LAST_ERROR, outcome));
        metrics.callback("failed_attempt");
        throw new CallbackFailedException(outcome);
    }

    /** Every attempt failed (the broker dead-lettered the delivery): the failure stays on the execution. */
    public void gaveUp(String executionId) {
        executions.updateOne(Filters.and(Filters.eq(ExecutionMapper.ID, executionId), Filters.eq(STATUS, PENDING)),
                Updates.set(STATUS, "failed"));
        log.warn("Gave up the callback of execution {} after {} attempts", executionId, properties.maxAttempts());
        metrics.callback("given_up");
    }
}
