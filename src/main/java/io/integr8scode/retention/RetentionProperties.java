package io.integr8scode.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long finished executions are kept ({@code integr8scode.retention.*}); defaults live in application.yaml. */
@ConfigurationProperties("integr8scode.retention")
public record RetentionProperties(Duration maxAge, Duration interval, int batchSize) {
}
