package io.integr8scode.security;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Platform users as queue submitters: a user of the built-in issuer signs in to the broker with their username and
 * password (when the broker requires credentials), and the broker stamps the name it validated on every message
 * they send. Intake then takes the submission as that user's: owned, listed, rate-limited and capped as over
 * HTTP. With an external issuer there are no passwords here, so only the shared submitter account signs in.
 */
@Component("queueCallers")
public class QueueCallers {

    /** How a queue caller's client address reads (logs; limits count by the user). */
    static final String QUEUE_ADDRESS = "queue";

    private final ObjectProvider<UserAccounts> accounts;
    private final SecurityProperties properties;

    QueueCallers(ObjectProvider<UserAccounts> accounts, SecurityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /** True when these are a platform user's username and password (the broker's sign-in). */
    public boolean authenticate(String username, String password) {
        UserAccounts users = accounts.getIfAvailable();
        return users != null && username != null && users.authenticate(username, password).isPresent();
    }

    /**
     * The caller a queue submission stands for: the platform user the broker validated it as; null when it names
     * none ({@code validatedUser} null: an unauthenticated local broker, or another account such as the shared
     * submitter's).
     */
    public Caller of(String validatedUser) {
        UserAccounts users = accounts.getIfAvailable();
        if (validatedUser == null || users == null) {
            return null;
        }
        Optional<UserAccounts.UserAccount> user = users.byUsername(validatedUser);
        return user.map(account -> new Caller(account.userId(), account.username(),
                properties.rolesOf(account.username(), account.roles()), QUEUE_ADDRESS)).orElse(null);
    }
}
