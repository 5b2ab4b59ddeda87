package io.integr8scode.broker;

import io.integr8scode.execution.QueueNames;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/** Looks into the work queue, for recovery: is an execution's message still waiting there? */
@Component("workQueue")
public class WorkQueue {

    private final JmsTemplate jms;
    private final String queue;

    WorkQueue(JmsTemplate jms, QueueNames queues) {
        this.jms = jms;
        this.queue = queues.executions();
    }

    /**
     * True when no message for the execution is on the queue. Selects on the {@code execution_id} property that
     * the enqueue-execution route (routes/intake.yaml) sets on every work message; ids are UUIDs, safe inside
     * the selector.
     */
    public boolean isMissing(String id) {
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("Not an execution id: " + id);
        }
        Boolean present = jms.browseSelected(queue, "execution_id = '" + id + "'",
                (session, browser) -> browser.getEnumeration().hasMoreElements());
        return !Boolean.TRUE.equals(present);
    }
}
