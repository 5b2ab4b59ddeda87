package io.integr8scode.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON objects with their keys in the order written, so generated documents are stable and diffable. */
final class JsonObjects {

    private JsonObjects() {
    }

    /** {@code object("a", 1, "b", 2)} is {@code {"a":1,"b":2}}. */
    static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
