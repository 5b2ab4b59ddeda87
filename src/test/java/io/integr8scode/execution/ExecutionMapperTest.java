package io.integr8scode.execution;

import io.integr8scode.sandbox.ExecutionLimits;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The stored shape of an execution: what intake inserts, and what every reader gets back from it. */
class ExecutionMapperTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final ExecutionLimits LIMITS = new ExecutionLimits(10, 128, 1000);

    @Test
    void storesANewQueuedExecutionWithItsIdOnce() {
        Execution queued = new Execution("id-1", ExecutionStatus.QUEUED, "print(1)", "", "", "", null, null, false, LIMITS,
                "local", CREATED, CREATED, null, null, null, null, "user-1", "alice", "user:user-1", null, null);

        Document stored = ExecutionMapper.toDocument(queued);

        assertThat(stored).containsOnlyKeys("_id", "status", "script", "stdin", "output", "errors", "exit_code", "failure_reason",
                "output_truncated", "limits", "runner", "created_at", "updated_at", "started_at", "finished_at", "duration_ms",
                "owner_id", "owner", "client_key");
        assertThat(stored.getString("status")).isEqualTo("queued");
        assertThat(stored.get("limits")).isEqualTo(new Document("timeout_seconds", 10).append("memory_mb", 128).append("cpu_millicores", 1000));
        assertThat(stored.getDate("created_at")).isEqualTo(Date.from(CREATED));
        assertThat(ExecutionMapper.from(stored)).isEqualTo(queued);
    }

    @Test
    void keepsAQueueSubmittersReplyAddressAndNoOwner() {
        ReplyAddress replyTo = new ReplyAddress("queue", "replies", "corr-1");
        Execution queued = new Execution("id-2", ExecutionStatus.QUEUED, "print(1)", "", "", "", null, null, false, LIMITS,
                "local", CREATED, CREATED, null, null, null, null, null, null, null, replyTo, null);

        Document stored = ExecutionMapper.toDocument(queued);

        assertThat(stored).doesNotContainKeys("owner_id", "owner", "client_key");
        assertThat(stored.get("reply_to")).isEqualTo(new Document("kind", "queue").append("name", "replies").append("correlation_id", "corr-1"));
        assertThat(ExecutionMapper.from(stored).replyTo()).isEqualTo(replyTo);
    }

    @Test
    void readsAFinishedExecutionAsCompletionStoredIt() {
        Document stored = new Document("_id", "id-3").append("execution_id", "id-3").append("status", "failed")
                .append("script", "x").append("stdin", "").append("output", "out").append("errors", "err")
                .append("exit_code", 137).append("failure_reason", "memory limit").append("output_truncated", true)
                .append("limits", new Document("timeout_seconds", 5).append("memory_mb", 64).append("cpu_millicores", 500))
                .append("runner", "local").append("created_at", Date.from(CREATED)).append("updated_at", Date.from(CREATED))
                .append("started_at", Date.from(CREATED)).append("finished_at", Date.from(CREATED)).append("duration_ms", 42L)
                .append("resource_usage", new Document("cpu_time_ms", 7L).append("max_rss_kb", null))
                .append("claimed_by", "host").append("owner_id", null).append("owner", null).append("client_key", "ip:127.0.0.1");

        Execution execution = ExecutionMapper.from(stored);

        assertThat(execution).isEqualTo(new Execution("id-3", ExecutionStatus.FAILED, "x", "", "out", "err", 137, "memory limit", true,
                new ExecutionLimits(5, 64, 500), "local", CREATED, CREATED, CREATED, CREATED, 42L,
                new Execution.ResourceUsage(7L, null), null, null, "ip:127.0.0.1", null, null));
    }
}
