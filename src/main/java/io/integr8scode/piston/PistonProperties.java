package io.integr8scode.piston;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Piston-compatible API ({@code integr8scode.piston.*}); defaults live in application.yaml.
 *
 * @param waitTimeout how long {@code POST /api/v2/execute} waits for the result before answering 504
 */
@ConfigurationProperties("integr8scode.piston")
public record PistonProperties(Duration waitTimeout) {
}
