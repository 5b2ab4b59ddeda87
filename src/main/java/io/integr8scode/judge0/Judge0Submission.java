package io.integr8scode.judge0;

import io.integr8scode.execution.ExecutionRequest;
import java.util.Map;

/**
 * A valid Judge0 submission: our execution request plus what only Judge0 has, the language id it was sent with
 * the expected output that decides Accepted or Wrong Answer (null: not compared), and the callback fields for its
 * {@code callback_url} (null: none).
 */
public record Judge0Submission(ExecutionRequest request, int languageId, String expectedOutput,
                               Map<String, Object> callback) {
}
