package io.integr8scode.judge0;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Base64 as Judge0 (Ruby's Base64.encode64/decode64) writes and reads it: lines of 60 characters each ending in a
 * newline, and a decoder that skips what is not base64.
 */
final class Judge0Base64 {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(60, new byte[] {'\n'});

    private Judge0Base64() {
    }

    static String encode(String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            return "";
        }
        return LINES.encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    static String decode(String encoded) {
        if (encoded == null) {
            return null;
        }
        // Padding is optional to Java's decoder; a single character left over carries no whole byte.
        String alphabet = encoded.replaceAll("[^A-Za-z0-9+/]", "");
        String whole = alphabet.length() % 4 == 1 ? alphabet.substring(0, alphabet.length() - 1) : alphabet;
        return new String(Base64.getDecoder().decode(whole), StandardCharsets.UTF_8);
    }
}
