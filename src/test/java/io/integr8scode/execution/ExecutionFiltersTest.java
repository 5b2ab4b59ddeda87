package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.security.Caller;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/** Who sees which executions, read from the MongoDB filters themselves. */
class ExecutionFiltersTest {

    private static final Caller ANONYMOUS = new Caller(null, null, List.of(), "127.0.0.1");
    private static final Caller ALICE = new Caller("user-a", "alice", List.of(), "127.0.0.1");
    private static final Caller ADMIN = new Caller("user-z", "root", List.of(Caller.ADMIN_ROLE), "127.0.0.1");

    private final ExecutionFilters filters = new ExecutionFilters();

    @Test
    void anAnonymousCallerFindsOnlyAnonymousExecutionsById() {
        assertThat(json(filters.visibleById("id-1", ANONYMOUS)))
                .isEqualTo("{\"$and\": [{\"_id\": \"id-1\"}, {\"owner_id\": null}]}");
    }

    @Test
    void aUserFindsTheirOwnAndAnonymousExecutionsById() {
        assertThat(json(filters.visibleById("id-1", ALICE)))
                .isEqualTo("{\"$and\": [{\"_id\": \"id-1\"}, {\"$or\": [{\"owner_id\": null}, {\"owner_id\": \"user-a\"}]}]}");
    }

    @Test
    void anAdminFindsAnyExecutionById() {
        assertThat(json(filters.visibleById("id-1", ADMIN))).isEqualTo("{\"_id\": \"id-1\"}");
    }

    @Test
    void aUserListsTheirOwnAndAnAdminListsAll() {
        assertThat(json(filters.listedFor(ALICE))).isEqualTo("{\"owner_id\": \"user-a\"}");
        assertThat(json(filters.listedFor(ADMIN))).isEqualTo("{}");
    }

    private static String json(Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, com.mongodb.MongoClientSettings.getDefaultCodecRegistry()).toJson();
    }
}
