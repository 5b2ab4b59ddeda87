package io.integr8scode.execution;

import java.util.Locale;

/** queued → running → completed | failed | timeout, or cancelled from queued or running on request; never backwards. */
public enum ExecutionStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, TIMEOUT, CANCELLED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == TIMEOUT || this == CANCELLED;
    }

    public static ExecutionStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
