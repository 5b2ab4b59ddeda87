package io.integr8scode.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integr8scode.api.ApiProblem;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQTemporaryQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A submitter's JMSReplyTo, as the app's Artemis client hands it over, becomes a queue or topic name. */
class ReplyAddressTest {

    @ParameterizedTest(name = "reply-to {0} -> {1}:{2}")
    @CsvSource({
        // STOMP's reply-to header reaches the app as a destination known only by this name.
        "my.replies, queue, my.replies",
        "/queue/my.replies, queue, my.replies",
        "/topic/news, topic, news",
        // Artemis's qualified names, as CORE and AMQP clients send them.
        "queue://my.replies, queue, my.replies",
        "topic://news, topic, news",
        "temp-queue://3f2a-77, queue, 3f2a-77",
        "my.replies::mine, queue, my.replies::mine",
    })
    void resolvesAReplyToByItsName(String replyTo, String kind, String name) throws JMSException {
        ReplyAddress address = ReplyAddress.of(ActiveMQDestination.fromPrefixedName(replyTo), "c-1", "ID:1");

        assertThat(address).isEqualTo(new ReplyAddress(kind, name, "c-1"));
        assertThat(address.destination()).isEqualTo("topic".equals(kind) ? new ActiveMQTopic(name) : new ActiveMQQueue(name));
    }

    @Test
    void aStompReplyToArrivesAsADestinationOfUnknownType() {
        // The reason a cast to jakarta.jms.Queue sent every STOMP submission to the dead-letter queue.
        assertThat(ActiveMQDestination.fromPrefixedName("my.replies"))
                .isNotInstanceOf(jakarta.jms.Queue.class)
                .isNotInstanceOf(jakarta.jms.Topic.class);
    }

    @Test
    void keepsTheKindOfATypedDestination() throws JMSException {
        assertThat(ReplyAddress.of(new ActiveMQQueue("orders"), null, "ID:1")).isEqualTo(new ReplyAddress("queue", "orders", "ID:1"));
        assertThat(ReplyAddress.of(new ActiveMQTopic("news"), "c", null)).isEqualTo(new ReplyAddress("topic", "news", "c"));
        assertThat(ReplyAddress.of(new ActiveMQTemporaryQueue("tmp-1", null), "c", null).destination()).isEqualTo(new ActiveMQQueue("tmp-1"));
        // A typed queue whose name uses the STOMP prefix is the same queue as for a STOMP subscriber.
        assertThat(ReplyAddress.of(new ActiveMQQueue("/queue/orders"), "c", null).name()).isEqualTo("orders");
    }

    @Test
    void echoesTheCorrelationIdElseTheMessageId() throws JMSException {
        assertThat(ReplyAddress.of(new ActiveMQQueue("r"), "order-42", "ID:7").correlationId()).isEqualTo("order-42");
        assertThat(ReplyAddress.of(new ActiveMQQueue("r"), null, "ID:7").correlationId()).isEqualTo("ID:7");
    }

    @Test
    void noReplyToMeansNoReply() throws JMSException {
        assertThat(ReplyAddress.of(null, "c", "ID:1")).isNull();
    }

    @Test
    void refusesAReplyToWithoutAName() {
        assertThatThrownBy(() -> ReplyAddress.of(ActiveMQDestination.fromPrefixedName("/queue/"), null, "ID:1"))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("names no destination");
    }

    @Test
    void knowsTheAddressOfAFullyQualifiedQueue() {
        assertThat(new ReplyAddress("queue", "integr8scode.executions::integr8scode.executions", null).address())
                .isEqualTo("integr8scode.executions");
    }
}
