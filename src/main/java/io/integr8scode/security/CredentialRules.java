package io.integr8scode.security;

import io.integr8scode.api.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What a username and a password must be, told to the user in plain words when they are not. */
final class CredentialRules {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    private CredentialRules() {
    }

    static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiProblem.badRequest("The username must be 3 to 32 characters: letters, digits, '_', '.' or '-'.");
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiProblem.badRequest("The password must be at least " + MIN_PASSWORD_LENGTH + " characters long.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiProblem.badRequest("The password must be at most " + MAX_PASSWORD_BYTES + " bytes long.");
        }
        if (characterClasses(password) < 2) {
            throw ApiProblem.badRequest("The password must mix at least two kinds of characters: lower case, upper case, digits, symbols.");
        }
    }

    private static int characterClasses(String password) {
        boolean lower = password.chars().anyMatch(Character::isLowerCase);
        boolean upper = password.chars().anyMatch(Character::isUpperCase);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
