package io.integr8scode.artifacts;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.integr8scode.execution.ExecutionMapper;
import io.integr8scode.execution.ExecutionStatus;
import io.integr8scode.sandbox.Artifacts;
import io.integr8scode.sandbox.SandboxProperties;
import io.integr8scode.sandbox.SandboxResult;
import io.integr8scode.storage.MongoProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The {@code artifacts} collection: one document per file a run left in its output folder (its bytes as BSON binary,
 * capped far below MongoDB's 16 MB document limit by {@code integr8scode.sandbox.artifacts}) and one per refused
 * entry, each carrying its execution's id. Plain documents, no GridFS: the same on MongoDB and the embedded store.
 * The completion route stores a result's artifacts before the execution is marked finished, so a finished execution
 * has all of its artifacts; retention deletes them with their execution.
 */
@Component("executionArtifacts")
public class ArtifactStore implements InitializingBean {

    public static final String COLLECTION = "artifacts";
    static final String EXECUTION_ID = "execution_id";
    static final String NAME = "name";
    static final String MEDIA_TYPE = "media_type";
    static final String SIZE = "size";
    static final String DATA = "data";
    static final String REASON = "reason";
    static final String POSITION = "position";
    public static final String CREATED_AT = "created_at";

    private final MongoCollection<Document> artifacts;
    private final MongoCollection<Document> executions;
    private final SandboxProperties sandbox;
    private final Clock clock;

    ArtifactStore(MongoClient mongo, MongoProperties store, SandboxProperties sandbox, Clock clock) {
        this.artifacts = mongo.getDatabase(store.database()).getCollection(COLLECTION);
        this.executions = mongo.getDatabase(store.database()).getCollection(ExecutionMapper.COLLECTION);
        this.sandbox = sandbox;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        artifacts.createIndex(Indexes.ascending(EXECUTION_ID, POSITION));
    }

    /**
     * Stores the result's artifacts (within the caps, checked again) for a still running execution; a late second
     * outcome, which completion ignores, leaves the first one's artifacts alone. Replaces any stored before (a
     * completion retried after a failure).
     */
    public void store(String executionId, SandboxResult result) {
        Artifacts checked = ArtifactChecks.within(result.artifacts(), sandbox.artifactLimits());
        if (checked.files().isEmpty() && checked.refused().isEmpty()) {
            return;
        }
        if (executions.countDocuments(Filters.and(Filters.eq(ExecutionMapper.ID, executionId),
                Filters.eq(ExecutionMapper.STATUS, ExecutionStatus.RUNNING.value()))) == 0) {
            return;
        }
        artifacts.deleteMany(Filters.eq(EXECUTION_ID, executionId));
        Date now = Date.from(clock.instant());
        List<Document> documents = new ArrayList<>();
        for (Artifacts.File file : checked.files()) {
            documents.add(new Document(ExecutionMapper.ID, executionId + "/" + file.name()).append(EXECUTION_ID, executionId)
                    .append(POSITION, documents.size()).append(NAME, file.name()).append(MEDIA_TYPE, file.mediaType())
                    .append(SIZE, file.size()).append(DATA, new Binary(file.data())).append(CREATED_AT, now));
        }
        for (Artifacts.Refusal refusal : checked.refused()) {
            // "/refused/": no artifact's name holds a slash, so these ids never meet a file's.
            documents.add(new Document(ExecutionMapper.ID, executionId + "/refused/" + documents.size())
                    .append(EXECUTION_ID, executionId).append(POSITION, documents.size()).append(NAME, refusal.name())
                    .append(REASON, refusal.reason()).append(CREATED_AT, now));
        }
        artifacts.insertMany(documents);
    }

    /** What an execution's artifacts are, without their bytes. */
    public ArtifactViews.Listing listing(String executionId) {
        List<ArtifactViews.Item> items = new ArrayList<>();
        List<ArtifactViews.Refused> refused = new ArrayList<>();
        for (Document document : artifacts.find(Filters.eq(EXECUTION_ID, executionId))
                .projection(Projections.exclude(DATA)).sort(Sorts.ascending(POSITION))) {
            if (document.containsKey(REASON)) {
                refused.add(new ArtifactViews.Refused(document.getString(NAME), document.getString(REASON)));
            } else {
                items.add(new ArtifactViews.Item(document.getString(NAME), document.getString(MEDIA_TYPE),
                        document.get(SIZE, Number.class).longValue()));
            }
        }
        return new ArtifactViews.Listing(items, refused);
    }

    /** One stored file of the execution, or null when it has none of that name. */
    public Artifacts.File find(String executionId, String name) {
        if (!Artifacts.allowedName(name)) {
            return null;
        }
        Document document = artifacts.find(Filters.and(Filters.eq(ExecutionMapper.ID, executionId + "/" + name),
                Filters.eq(EXECUTION_ID, executionId))).first();
        if (document == null || document.containsKey(REASON)) {
            return null;
        }
        return new Artifacts.File(document.getString(NAME), document.getString(MEDIA_TYPE),
                document.get(DATA, Binary.class).getData());
    }

    /** Deletes the artifacts of these executions (retention); answers how many documents went. */
    public long deleteFor(Collection<String> executionIds) {
        if (executionIds.isEmpty()) {
            return 0;
        }
        return artifacts.deleteMany(Filters.in(EXECUTION_ID, executionIds)).getDeletedCount();
    }
}
