package io.integr8scode.judge0;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Judge0-compatible API ({@code integr8scode.judge0.*}); defaults live in application.yaml.
 *
 * @param pathPrefix   where its endpoints are served (a Judge0 client's base URL is the server plus this)
 * @param waitTimeout  the longest {@code POST /submissions?wait=true} waits for the finished submission
 * @param maxBatchSize the most submissions one batch may create or read
 */
@ConfigurationProperties("integr8scode.judge0")
public record Judge0Properties(String pathPrefix, Duration waitTimeout, int maxBatchSize) {
}
