package io.integr8scode.execution;

import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * An AMQP submitter using Qpid JMS with {@code session.createQueue("my.replies")} as JMSReplyTo (a plain
 * queue name; QueueSubmissionTest covers temporary reply queues).
 */
class QueueReplyOverAmqpJmsTest extends QueueReplyContract {

    @Override
    JmsSubmitter connect(String replyTo) throws Exception {
        return new JmsSubmitter(new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER_PORT), replyTo);
    }
}
