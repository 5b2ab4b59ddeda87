package io.integr8scode.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.security.Caller;
import io.integr8scode.storage.MongoProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key}s, one document per caller and key in the {@code idempotency_keys} collection. The
 * first request inserts it (the unique _id makes that atomic, on MongoDB and the embedded store alike) with
 * the id its resource will get and a fingerprint of its body; a later request with the same key answers that
 * resource, or 422 when its body differs (as Stripe does). A request whose first is still being accepted waits
 * for it. A first request that is refused gives its key back, so its retry is a new request.
 */
@Component("idempotencyKeys")
public class IdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";
    static final String FINGERPRINT = "fingerprint";
    static final String RESOURCE_ID = "resource_id";
    static final String ACCEPTED = "accepted";
    static final String CREATED_AT = "created_at";
    private static final int MAX_KEY_LENGTH = 255;
    private static final long POLL_MILLIS = 50;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final MongoCollection<Document> keys;
    private final IdempotencyProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    IdempotencyKeys(MongoClient mongo, MongoProperties store, IdempotencyProperties properties, ObjectMapper json, Clock clock) {
        this.keys = mongo.getDatabase(store.database()).getCollection(COLLECTION);
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Decides what a request does with its key ({@code key} null: no key, a new resource). {@code request} is the
     * checked request (its JSON is the fingerprint), {@code kind} what it creates ("execution", "batch").
     */
    public IdempotencyClaim claim(String key, Caller caller, String kind, Object request) {
        String resourceId = UUID.randomUUID().toString();
        if (key == null) {
            return new IdempotencyClaim(null, resourceId, false);
        }
        requireValid(key);
        String documentId = caller.clientKey() + " " + kind + " " + key;
        String fingerprint = fingerprint(request);
        Instant waitUntil = clock.instant().plus(properties.firstRequestWait());
        while (true) {
            if (insert(documentId, fingerprint, resourceId)) {
                return new IdempotencyClaim(documentId, resourceId, false);
            }
            Document first = keys.find(Filters.eq("_id", documentId)).first();
            if (first == null) {
                continue; // given back or expired in between: try again
            }
            Instant createdAt = first.getDate(CREATED_AT).toInstant();
            boolean accepted = first.getBoolean(ACCEPTED, false);
            Instant now = clock.instant();
            if (createdAt.isBefore(now.minus(accepted ? properties.keepFor() : properties.abandonedAfter()))) {
                keys.deleteOne(Filters.and(Filters.eq("_id", documentId), Filters.eq(CREATED_AT, first.getDate(CREATED_AT))));
                continue;
            }
            if (!fingerprint.equals(first.getString(FINGERPRINT))) {
                throw new ApiProblem(422, "Idempotency key reused", "The Idempotency-Key '" + key + "' was used for a "
                        + "different request; send a new key for a new request.");
            }
            if (accepted) {
                return new IdempotencyClaim(documentId, first.getString(RESOURCE_ID), true);
            }
            if (now.isAfter(waitUntil)) {
                throw new ApiProblem(409, "Request in progress", "A request with the Idempotency-Key '" + key
                        + "' is still being accepted; retry it shortly.");
            }
            pause();
        }
    }

    /** The claimed request's resource was created: later requests with its key answer it. */
    public void accepted(IdempotencyClaim claim) {
        if (claim.documentId() == null || claim.replay()) {
            return;
        }
        try {
            keys.updateOne(Filters.eq("_id", claim.documentId()), Updates.set(ACCEPTED, true));
        } catch (RuntimeException e) {
            // The resource exists and the caller hears so; a retry waits for the key to count as abandoned.
            log.warn("Could not record idempotency key {} as accepted: {}", claim.documentId(), e.toString());
        }
    }

    /** The claimed request was refused: its key is given back (so a retry is a new request) and the refusal goes on. */
    public void refused(IdempotencyClaim claim, Exception refusal) throws Exception {
        if (claim.documentId() != null && !claim.replay()) {
            keys.deleteOne(Filters.and(Filters.eq("_id", claim.documentId()), Filters.eq(RESOURCE_ID, claim.resourceId())));
        }
        throw refusal;
    }

    /** Deletes the keys older than {@code keep-for}; returns how many. The retention route calls it. */
    public long expire() {
        Date cutoff = Date.from(clock.instant().minus(properties.keepFor()));
        return keys.deleteMany(Filters.lt(CREATED_AT, cutoff)).getDeletedCount();
    }

    private boolean insert(String documentId, String fingerprint, String resourceId) {
        try {
            keys.insertOne(new Document("_id", documentId).append(FINGERPRINT, fingerprint).append(RESOURCE_ID, resourceId)
                    .append(ACCEPTED, false).append(CREATED_AT, Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private static void requireValid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiProblem.badRequest("The Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces (a UUID is a good one).");
        }
    }

    private String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("A request could not be fingerprinted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an earlier request with the same key", e);
        }
    }
}
