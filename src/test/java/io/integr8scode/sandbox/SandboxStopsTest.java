package io.integr8scode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of running sandboxes: which container a stop signals, and when the SIGKILL backstop fires. */
class SandboxStopsTest {

    private final List<String> signals = new ArrayList<>();
    /** The backstops scheduled; the test runs them as if the grace period had passed. */
    private final List<Runnable> afterGrace = new ArrayList<>();
    private final SandboxStops stops = new SandboxStops(id -> signals.add("TERM " + id), id -> signals.add("KILL " + id),
            afterGrace::add);

    @Test
    void stopsTheRunningContainerWithSigtermAndKillsItIfItIsStillThereAfterTheGrace() {
        stops.register("exec-1", "i8s-exec-1-a");

        stops.stop("exec-1");
        assertThat(signals).containsExactly("TERM i8s-exec-1-a");
        afterGrace.forEach(Runnable::run);

        assertThat(signals).containsExactly("TERM i8s-exec-1-a", "KILL i8s-exec-1-a");
    }

    @Test
    void noSigkillForARunThatEndedWithinTheGrace() {
        stops.register("exec-1", "i8s-exec-1-a");
        stops.stop("exec-1");

        stops.unregister("exec-1", "i8s-exec-1-a");
        afterGrace.forEach(Runnable::run);

        assertThat(signals).containsExactly("TERM i8s-exec-1-a");
        assertThat(stops.forget("exec-1")).as("the run learns it was stopped").isTrue();
        assertThat(stops.forget("exec-1")).as("once").isFalse();
    }

    @Test
    void aStopThatCameFirstIsAppliedWhenTheSandboxRegisters() {
        stops.stop("exec-2");
        assertThat(signals).isEmpty();

        stops.register("exec-2", "pool-x");

        assertThat(signals).containsExactly("TERM pool-x");
        assertThat(stops.isRunning("exec-2")).isTrue();
    }

    @Test
    void aStopForAnotherExecutionTouchesNothing() {
        stops.register("exec-1", "i8s-exec-1-a");

        stops.stop("exec-9");
        afterGrace.forEach(Runnable::run);

        assertThat(signals).isEmpty();
        assertThat(stops.forget("exec-1")).isFalse();
    }
}
