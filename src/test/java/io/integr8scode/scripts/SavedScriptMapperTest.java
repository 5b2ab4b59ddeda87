package io.integr8scode.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.execution.RequestedLimits;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The stored shape of a saved script: its id once, its limits exactly as the user asked for them. */
class SavedScriptMapperTest {

    private static final Instant SAVED = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void storesOnlyTheLimitsAskedFor() {
        SavedScript script = new SavedScript("s-1", "user-1", "shout", "print(1)", "", new RequestedLimits(5, null, null), SAVED, SAVED);

        Document stored = SavedScriptMapper.toDocument(script);

        assertThat(stored).containsOnlyKeys("_id", "owner_id", "name", "script", "stdin", "limits", "created_at", "updated_at");
        assertThat(stored.get("limits")).isEqualTo(new Document("timeout_seconds", 5));
        assertThat(stored.getDate("updated_at")).isEqualTo(Date.from(SAVED));
        assertThat(SavedScriptMapper.from(stored)).isEqualTo(script);
    }

    @Test
    void storesNoLimitsAsNull() {
        SavedScript script = new SavedScript("s-2", "user-1", "plain", "print(1)", "in", null, SAVED, SAVED);

        Document stored = SavedScriptMapper.toDocument(script);

        assertThat(stored.get("limits")).isNull();
        assertThat(SavedScriptMapper.from(stored)).isEqualTo(script);
    }

    @Test
    void readsAScriptStoredWithItsIdTwice() {
        Document stored = new Document("_id", "s-3").append("script_id", "s-3").append("owner_id", "user-2").append("name", "old")
                .append("script", "print(3)").append("stdin", "").append("limits", null)
                .append("created_at", Date.from(SAVED)).append("updated_at", Date.from(SAVED));

        assertThat(SavedScriptMapper.from(stored)).isEqualTo(new SavedScript("s-3", "user-2", "old", "print(3)", "", null, SAVED, SAVED));
    }
}
