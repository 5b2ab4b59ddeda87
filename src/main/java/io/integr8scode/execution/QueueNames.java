package io.integr8scode.execution;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Broker destinations; routes read the same values through {{integr8scode.queues.*}}. */
@ConfigurationProperties("integr8scode.queues")
public record QueueNames(String submit, String submitDeadLetter, String executions, String executionsDeadLetter, String events) {
}
