package io.integr8scode.api;

import java.util.Locale;

/** The body of an HTTP request that must be JSON; anything else is a 415. */
public final class JsonBody {

    private JsonBody() {
    }

    public static byte[] require(String contentType, byte[] body) {
        if (!isJson(contentType)) {
            throw ApiProblem.unsupportedMediaType(contentType);
        }
        return body;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
