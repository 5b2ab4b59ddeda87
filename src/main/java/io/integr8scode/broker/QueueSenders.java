package io.integr8scode.broker;

import io.integr8scode.security.Caller;
import io.integr8scode.security.QueueCallers;
import jakarta.jms.JMSException;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.springframework.stereotype.Component;

/**
 * Who sent a queue submission. Only a broker that requires credentials vouches for the name on a message (the
 * {@link SubmitterStamp} it puts there over whatever the sender wrote). An open local broker vouches for nothing,
 * so there every submission is unowned as before.
 */
@Component("queueSenders")
public class QueueSenders {

    private final BrokerProperties broker;
    private final QueueCallers callers;

    QueueSenders(BrokerProperties broker, QueueCallers callers) {
        this.broker = broker;
        this.callers = callers;
    }

    /**
     * The platform user the queue message being received came from, or null (the shared submitter account, or an
     * open broker).
     */
    public Caller callerOf(Exchange exchange) throws JMSException {
        JmsMessage message = exchange.getIn(JmsMessage.class);
        return callerOf(message == null || message.getJmsMessage() == null ? null
                : message.getJmsMessage().getStringProperty(SubmitterStamp.PROPERTY));
    }

    Caller callerOf(String validatedUser) {
        boolean sharedAccount = validatedUser != null && validatedUser.equalsIgnoreCase(broker.submitterUser());
        return broker.requiresCredentials() && !sharedAccount ? callers.of(validatedUser) : null;
    }
}
