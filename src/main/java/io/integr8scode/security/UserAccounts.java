package io.integr8scode.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.integr8scode.api.ApiProblem;
import io.integr8scode.storage.MongoProperties;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The built-in issuer's users in the MongoDB {@code users} collection. Names are unique ignoring case,
 * enforced by a unique index (so two concurrent sign-ups cannot both win); passwords are stored as bcrypt.
 */
@Component
@Conditional(BuiltInIssuerCondition.class)
class UserAccounts {

    static final String COLLECTION = "users";

    private final MongoCollection<Document> users;
    private final PasswordEncoder passwords;
    private final Clock clock;
    /** Compared against when a name is unknown, so a login takes as long whether or not the user exists. */
    private final String decoyHash;

    UserAccounts(MongoClient mongo, MongoProperties mongoProperties, PasswordEncoder passwords, Clock clock) {
        this.users = mongo.getDatabase(mongoProperties.database()).getCollection(COLLECTION);
        this.passwords = passwords;
        this.clock = clock;
        this.users.createIndex(Indexes.ascending("username_key"), new IndexOptions().unique(true));
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    UserAccount register(String username, String password) {
        CredentialRules.checkUsername(username);
        CredentialRules.checkPassword(password);
        String id = UUID.randomUUID().toString();
        Document user = new Document("_id", id)
                .append("username", username)
                .append("username_key", key(username))
                .append("password_hash", passwords.encode(password))
                .append("roles", List.of("user"))
                .append("created_at", Date.from(clock.instant()));
        try {
            users.insertOne(user);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw ApiProblem.badRequest("The username '" + username + "' is already taken.");
            }
            throw e;
        }
        return UserAccount.of(user);
    }

    Optional<UserAccount> authenticate(String username, String password) {
        Document user = username == null ? null : users.find(Filters.eq("username_key", key(username))).first();
        String hash = user == null ? decoyHash : user.getString("password_hash");
        boolean matches = password != null && passwords.matches(password, hash);
        return matches && user != null ? Optional.of(UserAccount.of(user)) : Optional.empty();
    }

    Optional<UserAccount> byUsername(String username) {
        return Optional.ofNullable(users.find(Filters.eq("username_key", key(username))).first()).map(UserAccount::of);
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    record UserAccount(String userId, String username, List<String> roles) {

        static UserAccount of(Document user) {
            return new UserAccount(user.getString("_id"), user.getString("username"), user.getList("roles", String.class));
        }
    }
}
