package io.integr8scode.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store with real indexes answers every query as the stock mongo-java-server answers it without
 * them (which scans and sorts everything; without a sort only the order may differ): random documents, random filters on indexed and other fields
 * (equalities, {@code $in}, ranges, {@code $and}, {@code $or}, null), random sorts with skip and limit, counts
 * with skip and limit, conditional updates and deletes that move documents between index entries, arrays in
 * indexed fields, and a restart on the same file.
 */
class IndexedQueriesTest {

    private static final String[] STATUSES = {"queued", "running", "completed", "failed", "timeout"};
    private static final String[] OWNERS = {"alice", "bob", "carol"};
    private static final String[] CLIENTS = {"ip:1", "ip:2", "user:alice"};
    private static final long EPOCH = 1_700_000_000_000L;
    private static final List<Document> SORTS = List.of(
            new Document(),
            new Document("created_at", -1).append("_id", -1),
            new Document("created_at", 1).append("_id", 1),
            new Document("status", 1).append("created_at", 1).append("_id", 1),
            new Document("status", -1).append("created_at", -1).append("_id", -1),
            new Document("deadline_at", 1).append("_id", 1),
            new Document("n", -1).append("_id", 1),
            new Document("_id", -1));

    @TempDir
    Path dir;

    private final Random random = new Random(20240509);
    private EmbeddedStore store;
    private MongoClient indexedClient;
    private MongoServer referenceServer;
    private MongoClient referenceClient;

    @BeforeEach
    void start() throws IOException {
        openIndexed();
        referenceServer = new MongoServer(H2Backend.inMemory()); // the library as shipped: no secondary index
        InetSocketAddress address = referenceServer.bind();
        referenceClient = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        for (MongoCollection<Document> collection : List.of(indexed(), reference())) {
            collection.createIndex(Indexes.compoundIndex(Indexes.ascending("owner_id"), Indexes.descending("created_at", "_id")));
            collection.createIndex(Indexes.descending("created_at", "_id"));
            collection.createIndex(Indexes.ascending("status", "created_at"));
            collection.createIndex(Indexes.ascending("status", "deadline_at"));
            collection.createIndex(Indexes.ascending("client_key", "status"));
            collection.createIndex(Indexes.ascending("n"));
        }
    }

    private void openIndexed() throws IOException {
        store = EmbeddedStore.open(dir.resolve("store.mv"), false);
        indexedClient = MongoClients.create(store.clientSettings().build());
    }

    @AfterEach
    void stop() {
        indexedClient.close();
        store.close();
        referenceClient.close();
        referenceServer.shutdownNow();
    }

    @Test
    void answersRandomQueriesAsTheUnindexedStoreDoes() {
        insertBoth(randomDocuments(0, 500));
        checkRandomQueries(200);
    }

    @Test
    void keepsAnsweringAlikeAfterUpdatesAndDeletesMoveIndexEntries() {
        insertBoth(randomDocuments(0, 400));
        for (int round = 0; round < 200; round++) {
            mutateBoth();
        }
        checkRandomQueries(200);
    }

    @Test
    void anArrayInAnIndexedFieldStillGivesEveryMatch() {
        insertBoth(randomDocuments(0, 200));
        Bson update = Updates.set("status", List.of("queued", "running"));
        assertThat(indexed().updateOne(Filters.eq("_id", "d7"), update).getModifiedCount()).isEqualTo(1);
        reference().updateOne(Filters.eq("_id", "d7"), update);

        checkRandomQueries(100);
        assertThat(indexed().countDocuments(Filters.eq("status", "running")))
                .isEqualTo(reference().countDocuments(Filters.eq("status", "running")));
    }

    @Test
    void answersAlikeAfterARestartOnTheSameFile() throws IOException {
        insertBoth(randomDocuments(0, 300));
        for (int round = 0; round < 50; round++) {
            mutateBoth();
        }
        indexedClient.close();
        store.close();
        openIndexed();

        checkRandomQueries(100);
        insertBoth(randomDocuments(500, 100));
        checkRandomQueries(100);
    }

    @Test
    void countsAnEmptyFilterAndAMissingCollection() {
        insertBoth(randomDocuments(0, 50));

        assertThat(indexed().countDocuments()).isEqualTo(50);
        assertThat(indexed().countDocuments(new Document(), new CountOptions().skip(10).limit(30))).isEqualTo(30);
        assertThat(indexedClient.getDatabase("test").getCollection("absent").countDocuments(Filters.eq("status", "queued"))).isZero();
        assertThat(indexed().countDocuments(Filters.eq("status", "no such status"))).isZero();
    }

    private void checkRandomQueries(int queries) {
        for (int i = 0; i < queries; i++) {
            Bson filter = randomFilter();
            Document sort = SORTS.get(random.nextInt(SORTS.size()));
            int skip = List.of(0, 0, 1, 5, 37).get(random.nextInt(5));
            int limit = List.of(0, 1, 10).get(random.nextInt(3));
            String description = "filter " + filter.toBsonDocument() + " sort " + sort.toJson() + " skip " + skip + " limit " + limit;

            List<Document> page = find(indexed(), filter, sort, skip, limit);
            if (sort.isEmpty()) {
                // Without a sort the order is the store's choice (index order here, _id order without indexes):
                // the page must be as long and hold only distinct matches.
                List<Document> matches = find(reference(), filter, sort, 0, 0);
                assertThat(page).as(description).hasSize(find(reference(), filter, sort, skip, limit).size())
                        .doesNotHaveDuplicates().isSubsetOf(matches);
                assertThat(find(indexed(), filter, sort, 0, 0)).as(description).containsExactlyInAnyOrderElementsOf(matches);
            } else {
                assertThat(page).as(description).isEqualTo(find(reference(), filter, sort, skip, limit));
            }
            CountOptions options = new CountOptions().skip(skip).limit(limit);
            assertThat(indexed().countDocuments(filter, options)).as(description)
                    .isEqualTo(reference().countDocuments(filter, options));
        }
    }

    private static List<Document> find(MongoCollection<Document> collection, Bson filter, Document sort, int skip, int limit) {
        return collection.find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
    }

    private void mutateBoth() {
        String id = "d" + random.nextInt(450);
        switch (random.nextInt(6)) {
            case 0 -> {
                // The claim and the completion: an update by _id conditional on the status.
                Bson filter = Filters.and(Filters.eq("_id", id), Filters.eq("status", pick(STATUSES)));
                Bson update = Updates.combine(Updates.set("status", pick(STATUSES)), Updates.set("deadline_at", date()));
                assertSameUpdate(indexed().updateOne(filter, update), reference().updateOne(filter, update));
            }
            case 1 -> {
                Bson filter = Filters.eq("_id", id);
                Bson update = Updates.combine(Updates.set("created_at", date()), Updates.unset("deadline_at"), Updates.set("owner_id", owner()));
                assertSameUpdate(indexed().updateOne(filter, update), reference().updateOne(filter, update));
            }
            case 2 -> {
                Bson filter = Filters.and(Filters.eq("status", pick(STATUSES)), Filters.lt("created_at", date()));
                Bson update = Updates.set("status", pick(STATUSES));
                assertSameUpdate(indexed().updateMany(filter, update), reference().updateMany(filter, update));
            }
            case 3 -> assertThat(indexed().deleteOne(Filters.eq("_id", id)).getDeletedCount())
                    .isEqualTo(reference().deleteOne(Filters.eq("_id", id)).getDeletedCount());
            case 4 -> {
                Bson filter = Filters.and(Filters.eq("owner_id", owner()), Filters.gt("n", random.nextInt(100)));
                assertThat(indexed().deleteMany(filter).getDeletedCount()).isEqualTo(reference().deleteMany(filter).getDeletedCount());
            }
            default -> {
                if (indexed().find(Filters.eq("_id", id)).first() == null) {
                    insertBoth(List.of(randomDocument(id)));
                }
            }
        }
    }

    private static void assertSameUpdate(UpdateResult actual, UpdateResult expected) {
        assertThat(actual.getMatchedCount()).isEqualTo(expected.getMatchedCount());
        assertThat(actual.getModifiedCount()).isEqualTo(expected.getModifiedCount());
    }

    private Bson randomFilter() {
        List<Bson> clauses = new ArrayList<>();
        int terms = random.nextInt(4);
        for (int i = 0; i < terms; i++) {
            clauses.add(switch (random.nextInt(12)) {
                case 0 -> Filters.eq("_id", "d" + random.nextInt(520));
                case 1, 2 -> Filters.eq("status", random.nextInt(8) == 0 ? null : pick(STATUSES));
                case 3 -> Filters.in("status", pick(STATUSES), pick(STATUSES));
                case 4, 5 -> Filters.eq("owner_id", owner());
                case 6 -> Filters.eq("client_key", pick(CLIENTS));
                case 7 -> random.nextBoolean() ? Filters.lt("created_at", date()) : Filters.gte("created_at", date());
                case 8 -> Filters.and(Filters.gt("deadline_at", date()), Filters.lte("deadline_at", date()));
                case 9 -> random.nextBoolean() ? Filters.gte("n", random.nextInt(100)) : Filters.in("n", 3, 4.0, 5L, 50);
                case 10 -> Filters.or(Filters.eq("owner_id", null), Filters.eq("owner_id", owner()));
                default -> Filters.ne("status", pick(STATUSES));
            });
        }
        if (clauses.isEmpty()) {
            return new Document();
        }
        if (clauses.size() == 1 && random.nextBoolean()) {
            return clauses.get(0);
        }
        return Filters.and(clauses);
    }

    private List<Document> randomDocuments(int from, int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            documents.add(randomDocument("d" + i));
        }
        return documents;
    }

    private Document randomDocument(String id) {
        Document document = new Document("_id", id).append("created_at", date()).append("n", number());
        if (random.nextInt(10) > 0) {
            document.append("status", pick(STATUSES));
        }
        Object owner = owner();
        if (owner != null || random.nextBoolean()) {
            document.append("owner_id", owner); // sometimes null, sometimes missing
        }
        if (random.nextBoolean()) {
            document.append("deadline_at", date());
        }
        document.append("client_key", pick(CLIENTS));
        return document;
    }

    /** Few distinct instants, so sorts meet ties the _id must break. */
    private Date date() {
        return new Date(EPOCH + 1000L * random.nextInt(60));
    }

    private Object number() {
        int value = random.nextInt(100);
        return switch (random.nextInt(3)) {
            case 0 -> value;
            case 1 -> (long) value;
            default -> (double) value;
        };
    }

    private String owner() {
        return random.nextInt(4) == 0 ? null : pick(OWNERS);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private void insertBoth(List<Document> documents) {
        indexed().insertMany(documents.stream().map(Document::new).toList());
        reference().insertMany(documents.stream().map(Document::new).toList());
    }

    private MongoCollection<Document> indexed() {
        return indexedClient.getDatabase("test").getCollection("executions");
    }

    private MongoCollection<Document> reference() {
        return referenceClient.getDatabase("test").getCollection("executions");
    }
}
