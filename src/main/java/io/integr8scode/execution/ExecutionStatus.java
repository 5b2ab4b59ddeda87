package io.integr8scode.execution;

import java.util.Locale;

/** queued → running → completed | failed | timeout; never backwards. */
public enum ExecutionStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, TIMEOUT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == TIMEOUT;
    }

    public static ExecutionStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
