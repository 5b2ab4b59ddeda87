package io.integr8scode.execution;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Broker destinations; routes read the same values through {{integr8scode.queues.*}}. */
@ConfigurationProperties("integr8scode.queues")
public record QueueNames(String submit, String submitDeadLetter, String executions, String executionsDeadLetter, String events) {

    /** True for the platform's own addresses (the events topic and its live output twin) and the broker's, which no submitter may read or have replies sent to. */
    public boolean isPlatformAddress(String address) {
        return address.equals(submit) || address.equals(submitDeadLetter) || address.startsWith(executions)
                || address.startsWith(events) || address.startsWith("activemq.") || address.startsWith("$sys.");
    }
}
