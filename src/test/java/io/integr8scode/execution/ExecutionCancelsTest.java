package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.sandbox.ExecutionLimits;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The queue's cancel message, and the answers and refusals of a cancel. */
class ExecutionCancelsTest {

    private final ExecutionCancels cancels = new ExecutionCancels(new ObjectMapper());

    @Test
    void tellsACancelMessageFromASubmission() {
        assertThat(cancels.isCancelMessage("{\"action\": \"cancel\", \"execution_id\": \"e1\"}")).isTrue();
        assertThat(cancels.isCancelMessage("{\"action\": \"pause\"}")).as("refused later, as a cancel message").isTrue();
        assertThat(cancels.isCancelMessage("{\"script\": \"print(1)\"}")).isFalse();
        assertThat(cancels.isCancelMessage("not json")).isFalse();
        assertThat(cancels.isCancelMessage("[\"action\"]")).isFalse();
    }

    @Test
    void readsTheExecutionIdOfACancelMessage() {
        assertThat(cancels.executionIdOf("{\"action\": \"cancel\", \"execution_id\": \"e1\"}")).isEqualTo("e1");
    }

    @Test
    void refusesAMalformedCancelMessageWithA400() {
        assertBadRequest("{\"action\": \"cancel\"}", "needs \"execution_id\"");
        assertBadRequest("{\"action\": \"cancel\", \"execution_id\": 7}", "needs \"execution_id\"");
        assertBadRequest("{\"action\": \"cancel\", \"execution_id\": \" \"}", "needs \"execution_id\"");
        assertBadRequest("{\"action\": \"stop\", \"execution_id\": \"e1\"}", "\"action\" must be \"cancel\"");
        assertBadRequest("{\"action\": \"cancel\", \"execution_id\": \"e1\", \"script\": \"x\"}", "only \"action\" and \"execution_id\"");
    }

    @Test
    void aFinishedExecutionIsA409AndAVanishedOneA404() {
        Execution completed = new Execution("e1", ExecutionStatus.COMPLETED, "x", "", "", "", 0, null, false,
                new ExecutionLimits(5, 128, 500), "runc", Instant.EPOCH, Instant.EPOCH, null, null, null, null, null, null,
                null, null, null);

        assertThatThrownBy(() -> cancels.refuse(completed, "e1")).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(409);
            assertThat(problem.getMessage()).contains("is completed");
        });
        assertThatThrownBy(() -> cancels.refuse(null, "e1")).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(404));
    }

    @Test
    void answersWithTheStatusAfterTheCancel() {
        assertThat(cancels.cancelled("e1")).isEqualTo(new ExecutionViews.Accepted("e1", "cancelled"));
        assertThat(cancels.stopping("e1")).isEqualTo(new ExecutionViews.Accepted("e1", "running"));
    }

    private void assertBadRequest(String message, String detail) {
        assertThatThrownBy(() -> cancels.executionIdOf(message)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.getMessage()).contains(detail);
        });
    }
}
