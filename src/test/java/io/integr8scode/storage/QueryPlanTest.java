package io.integr8scode.storage;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.time.Instant;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which index a query reads, in which direction, and when counts and skips need no documents. */
class QueryPlanTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private MVStore store;
    private SecondaryIndex ownerNewestFirst;
    private SecondaryIndex newestFirst;
    private SecondaryIndex statusCreated;
    private SecondaryIndex clientStatus;

    @BeforeEach
    void openIndexes() {
        store = MVStore.open(null);
        ownerNewestFirst = index("owner", new IndexKey("owner_id", true), new IndexKey("created_at", false), new IndexKey("_id", false));
        newestFirst = index("newest", new IndexKey("created_at", false), new IndexKey("_id", false));
        statusCreated = index("status", new IndexKey("status", true), new IndexKey("created_at", true));
        clientStatus = index("client", new IndexKey("client_key", true), new IndexKey("status", true));
        for (int i = 0; i < 100; i++) {
            Document document = new Document("_id", String.format("e%03d", i))
                    .append("owner_id", i % 2 == 0 ? "alice" : null)
                    .append("client_key", "ip:" + (i % 3))
                    .append("status", i % 10 == 0 ? "queued" : "completed")
                    .append("created_at", T0.plusSeconds(i));
            for (SecondaryIndex index : indexes()) {
                index.add(document, document.get("_id"), null);
            }
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsAUsersListFromTheOwnersIndexInSortOrderAndJumpsToADeepPage() {
        QueryPlan plan = QueryPlan.choose(indexes(), new Document("owner_id", "alice"), new Document("created_at", -1).append("_id", -1));

        assertThat(plan.ordered()).isTrue();
        assertThat(plan.exact()).isTrue();
        assertThat(plan.count()).isEqualTo(50);
        assertThat(plan.positions(0).limit(3).toList()).containsExactly("e098", "e096", "e094");
        assertThat(plan.positions(40).toList()).containsExactly("e018", "e016", "e014", "e012", "e010", "e008", "e006", "e004", "e002", "e000");
    }

    @Test
    void readsTheAdminListBackwardsWhenTheSortIsReversed() {
        QueryPlan plan = QueryPlan.choose(indexes(), new Document(), new Document("created_at", 1).append("_id", 1));

        assertThat(plan.ordered()).isTrue();
        assertThat(plan.exact()).isTrue();
        assertThat(plan.positions(97).toList()).containsExactly("e097", "e098", "e099");
    }

    @Test
    void countsAStatusFromTheIndexWithoutReadingDocuments() {
        QueryPlan plan = QueryPlan.choose(indexes(), new Document("status", "queued"), null);

        assertThat(plan.exact()).isTrue();
        assertThat(plan.count()).isEqualTo(10);
    }

    @Test
    void narrowsARangeOnTheKeyAfterTheEqualities() {
        Document queuedBefore = new Document("$and", List.of(
                new Document("status", "queued"), new Document("created_at", new Document("$lt", T0.plusSeconds(35)))));

        QueryPlan plan = QueryPlan.choose(indexes(), queuedBefore, null);

        assertThat(plan.positions(0).toList()).containsExactly("e000", "e010", "e020", "e030");
        assertThat(plan.exact()).as("a range may hold other types: documents are checked").isFalse();
    }

    @Test
    void countsAClientsUnfinishedWorkAsPointsOnTheSecondKey() {
        Document unfinished = new Document("$and", List.of(new Document("client_key", "ip:0"),
                new Document("status", new Document("$in", List.of("queued", "running")))));

        QueryPlan plan = QueryPlan.choose(indexes(), unfinished, null);

        assertThat(plan.exact()).isTrue();
        assertThat(plan.count()).isEqualTo(4); // e000, e030, e060, e090
    }

    @Test
    void leavesConditionsItCannotIndexToTheMatcher() {
        Document visible = new Document("$and", List.of(new Document("owner_id", "alice"),
                new Document("$or", List.of(new Document("status", "queued"), new Document("status", "failed")))));

        QueryPlan plan = QueryPlan.choose(indexes(), visible, null);

        assertThat(plan.exact()).isFalse();
        assertThat(plan.positions(0).count()).isEqualTo(50);
    }

    @Test
    void scansWhenNoIndexNarrowsTheFilterOrServesTheSort() {
        assertThat(QueryPlan.choose(indexes(), new Document("script", "print(1)"), null)).isNull();
        assertThat(QueryPlan.choose(indexes(), new Document(), null)).isNull();
        assertThat(QueryPlan.choose(indexes(), new Document(), new Document("updated_at", -1))).isNull();
    }

    @Test
    void stopsUsingAnIndexOnceADocumentHoldsAnArrayThere() {
        Document withArray = new Document("_id", "x").append("status", List.of("queued", "running")).append("created_at", T0);
        statusCreated.add(withArray, "x", null);

        assertThat(statusCreated.isMultikey()).isTrue();
        assertThat(QueryPlan.choose(List.of(statusCreated), new Document("status", "queued"), null)).isNull();

        statusCreated.remove(withArray);
        assertThat(QueryPlan.choose(List.of(statusCreated), new Document("status", "queued"), null)).isNotNull();
    }

    private List<SecondaryIndex> indexes() {
        return List.of(ownerNewestFirst, newestFirst, statusCreated, clientStatus);
    }

    private SecondaryIndex index(String name, IndexKey... keys) {
        List<IndexKey> keyList = List.of(keys);
        MVMap<Object[], Boolean> entries = store.openMap(name,
                new MVMap.Builder<Object[], Boolean>().keyType(new IndexKeyType(SecondaryIndex.directions(keyList))));
        return new SecondaryIndex(name, keyList, entries);
    }
}
