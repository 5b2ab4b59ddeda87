package io.integr8scode.batches;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Batches of executions ({@code integr8scode.batches.*}); defaults live in application.yaml.
 *
 * @param maxSize the most submissions one {@code POST /api/v1/executions/batch} may hold
 */
@ConfigurationProperties("integr8scode.batches")
public record BatchProperties(int maxSize) {
}
