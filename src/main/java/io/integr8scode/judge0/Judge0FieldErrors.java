package io.integr8scode.judge0;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Judge0's 422 answer to an invalid submission: each field with its messages, {@code {"language_id": ["can't be blank"]}}. */
class Judge0FieldErrors extends RuntimeException {

    private final Map<String, List<String>> errors;

    Judge0FieldErrors(Map<String, List<String>> errors) {
        super("invalid submission: " + errors, null, false, false);
        this.errors = Map.copyOf(errors);
    }

    /** The errors in the order they were found. */
    Map<String, List<String>> errors() {
        return new LinkedHashMap<>(errors);
    }
}
