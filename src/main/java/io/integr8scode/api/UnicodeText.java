package io.integr8scode.api;

/**
 * Text a request field must be: whole Unicode. A lone surrogate (JSON allows "\ud800" alone) cannot be stored
 * or sent on as UTF-8 and would silently become another character, so it is refused and its place named.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    /** Refuses a lone surrogate in the field. */
    public static void requireWellFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiProblem.badRequest("'" + field + "' holds a lone surrogate (\\u" + Integer.toHexString(c)
                        + ") at " + position(value, i) + "; send whole Unicode characters.");
            }
        }
    }

    /** Refuses a NUL character in the field (Python cannot run source that holds one). */
    public static void requireNoNul(String field, String value, String why) {
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw ApiProblem.badRequest("'" + field + "' holds a NUL character at " + position(value, nul) + "; " + why);
        }
    }

    /** "line L, column C" (both from 1, columns in characters) of the character at index. */
    static String position(String value, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (value.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }
}
