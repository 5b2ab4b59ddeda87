package io.integr8scode.broker;

import io.integr8scode.execution.QueueNames;
import io.integr8scode.security.QueueCallers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Broker security when the acceptor is exposed. The app's own in-VM connection (it cannot come from the
 * network) may do anything. The one submitter account, and every platform user with their own username and password,
 * may send to the submit address and use reply queues (temporary or named); they can never read the work queue, the
 * events, the dead letters or management. The broker stamps the signed-in name on each message ({@link SubmitterStamp}),
 * which is how intake knows a platform user's submissions.
 */
class SubmitterSecurityManager implements ActiveMQSecurityManager5 {

    static final String APP_USER = "integr8scode-app";
    /** Marks a signed-in platform user, who has the submitter's rights. */
    private static final String PLATFORM_USER_ROLE = "platform-user";
    /**
     * What a submitter needs on its reply queue (create, receive, delete): a temporary one, or one it names, which the
     * broker auto-creates durable (and deletes once it is empty and unread).
     */
    private static final Set<CheckType> REPLY_QUEUE_CHECKS = EnumSet.of(CheckType.CREATE_ADDRESS, CheckType.DELETE_ADDRESS,
            CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.DELETE_NON_DURABLE_QUEUE, CheckType.CREATE_DURABLE_QUEUE,
            CheckType.CONSUME, CheckType.SEND);

    private final String submitterUser;
    private final byte[] submitterPassword;
    private final QueueNames queues;
    private final QueueCallers platformUsers;

    SubmitterSecurityManager(BrokerProperties broker, QueueNames queues, QueueCallers platformUsers) {
        this.submitterUser = broker.submitterUser();
        this.submitterPassword = broker.submitterPassword().getBytes(StandardCharsets.UTF_8);
        this.queues = queues;
        this.platformUsers = platformUsers;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subjectOf(APP_USER);
        }
        boolean known = submitterUser.equals(user) && password != null
                && MessageDigest.isEqual(submitterPassword, password.getBytes(StandardCharsets.UTF_8));
        if (known) {
            return subjectOf(submitterUser);
        }
        // A platform user (their submissions are theirs: QueueCallers). Never under the app's or the shared account's name.
        boolean reserved = user == null || user.equalsIgnoreCase(APP_USER) || user.equalsIgnoreCase(submitterUser);
        if (!reserved && platformUsers.authenticate(user, password)) {
            Subject subject = subjectOf(user);
            subject.getPrincipals().add(new RolePrincipal(PLATFORM_USER_ROLE));
            return subject;
        }
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        String user = getUserFromSubject(subject);
        if (APP_USER.equals(user)) {
            return true;
        }
        boolean platformUser = subject != null && subject.getPrincipals(RolePrincipal.class).stream().anyMatch(role -> PLATFORM_USER_ROLE.equals(role.getName()));
        if (!(submitterUser.equals(user) || platformUser) || address == null) {
            return false;
        }
        String name = address.split("::", 2)[0];
        if (name.equals(queues.submit())) {
            return checkType == CheckType.SEND;
        }
        return !queues.isPlatformAddress(name) && REPLY_QUEUE_CHECKS.contains(checkType);
    }

    @Override
    public String getUserFromSubject(Subject subject) {
        return subject == null ? null : subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst().orElse(null);
    }

    @Override
    public boolean validateUser(String user, String password) {
        throw new UnsupportedOperationException("The broker calls authenticate");
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        throw new UnsupportedOperationException("The broker calls authorize");
    }

    private static Subject subjectOf(String user) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        return subject;
    }
}
