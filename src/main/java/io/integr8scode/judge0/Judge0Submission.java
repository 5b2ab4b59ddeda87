package io.integr8scode.judge0;

import io.integr8scode.execution.ExecutionRequest;

/**
 * A valid Judge0 submission: our execution request plus what only Judge0 has, the language id it was sent with
 * and the expected output that decides Accepted or Wrong Answer (null: not compared).
 */
public record Judge0Submission(ExecutionRequest request, int languageId, String expectedOutput) {
}
