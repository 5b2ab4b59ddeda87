package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.integr8scode.security.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The execution id of a queue submission: stable per logical message, never shared between two senders. */
class QueuedExecutionIdTest {

    private static final String BODY = "{\"script\":\"print(1)\"}";
    private static final ReplyAddress REPLIES = new ReplyAddress("queue", "my.replies", "job-1");
    private static final Caller ADA = new Caller("u-ada", "ada", List.of("user"), null);
    private static final Caller BOB = new Caller("u-bob", "bob", List.of("user"), null);

    private final ExecutionIntake intake = new ExecutionIntake(null, null, null);

    @Test
    void givesEveryDeliveryOfOneMessageTheSameId() {
        assertThat(intake.queuedExecutionId(REPLIES, "job-1", "ID:first", BODY, ADA))
                .isEqualTo(intake.queuedExecutionId(REPLIES, "job-1", "ID:resent", BODY, ADA));
        assertThat(intake.queuedExecutionId(null, null, "ID:m1", BODY, null))
                .isEqualTo(intake.queuedExecutionId(null, null, "ID:m1", BODY, null));
    }

    @Test
    void keepsTwoSendersWithTheSameReplyToAndCorrelationApart() {
        String ada = intake.queuedExecutionId(REPLIES, "job-1", "ID:a", BODY, ADA);

        assertThat(intake.queuedExecutionId(REPLIES, "job-1", "ID:b", BODY, BOB)).isNotEqualTo(ada);
        assertThat(intake.queuedExecutionId(REPLIES, "job-1", "ID:c", BODY, null)).isNotEqualTo(ada);
    }

    @Test
    void keepsDifferentContentApartAndDrawsARandomIdWithoutAnyKey() {
        assertThat(intake.queuedExecutionId(REPLIES, "job-1", null, BODY, ADA))
                .isNotEqualTo(intake.queuedExecutionId(REPLIES, "job-1", null, "{\"script\":\"print(2)\"}", ADA));
        assertThat(intake.queuedExecutionId(null, null, null, BODY, null))
                .isNotEqualTo(intake.queuedExecutionId(null, null, null, BODY, null));
    }
}
