package io.integr8scode.broker;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message a client sends with the name its connection signed in as ({@value #PROPERTY}), over whatever
 * the client wrote there, and removes it from messages of connections that did not sign in. Artemis' own
 * populate-validated-user does not do this for AMQP messages (it keeps a sender's own _AMQ_VALIDATED_USER), so
 * the broker itself vouches for the name here, on every protocol. The app's own sends are left as they are.
 */
class SubmitterStamp implements ActiveMQServerMessagePlugin {

    static final String PROPERTY = "integr8scode_submitter";

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String user = session.getValidatedUser();
        if (SubmitterSecurityManager.APP_USER.equals(user)) {
            return;
        }
        if (user == null) {
            message.removeProperty(PROPERTY);
        } else {
            message.putStringProperty(PROPERTY, user);
        }
    }
}
