package io.integr8scode.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's bookkeeping, with sleeping processes standing in for sandboxes. */
class SandboxPoolTest {

    final List<String> destroyed = new CopyOnWriteArrayList<>();
    final List<Process> processes = new CopyOnWriteArrayList<>();
    final AtomicInteger made = new AtomicInteger();
    volatile boolean failing;

    final SandboxPool.Sandboxes sandboxes = new SandboxPool.Sandboxes() {
        @Override
        public WarmSandbox create() throws IOException {
            if (failing) {
                throw new IOException("runtime broken");
            }
            Process process = new ProcessBuilder("sleep", "60").start();
            processes.add(process);
            return new WarmSandbox("i8s-pool-" + made.incrementAndGet(), process, null, null);
        }

        @Override
        public void destroy(WarmSandbox sandbox) {
            sandbox.stopProcess();
            destroyed.add(sandbox.containerId());
        }
    };

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void handsEachSandboxOutOnceAndMakesAReplacement() throws Exception {
        try (SandboxPool pool = new SandboxPool(2, sandboxes)) {
            assertThat(pool.awaitFull(10_000)).isTrue();

            WarmSandbox first = pool.take();
            WarmSandbox second = pool.take();

            assertThat(first.containerId()).isNotEqualTo(second.containerId());
            assertThat(pool.awaitFull(10_000)).isTrue();
            assertThat(made.get()).isEqualTo(4);
            assertThat(pool.take().containerId()).isNotIn(first.containerId(), second.containerId());
            assertThat(pool.hits()).isEqualTo(3);
            assertThat(pool.recentlyServed()).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void answersNullWhenEmptySoTheRunGoesCold() throws Exception {
        failing = true;
        try (SandboxPool pool = new SandboxPool(1, sandboxes)) {
            assertThat(pool.take()).isNull();
            assertThat(pool.misses()).isEqualTo(1);
            assertThat(pool.hits()).isZero();
        }
    }

    @Test
    void skipsASandboxThatDiedWhileItWaited() throws Exception {
        try (SandboxPool pool = new SandboxPool(1, sandboxes)) {
            assertThat(pool.awaitFull(10_000)).isTrue();
            failing = true; // no replacement, so the dead one was the only candidate
            processes.get(0).destroyForcibly().waitFor();

            assertThat(pool.take()).isNull();
            assertThat(destroyed).containsExactly("i8s-pool-1");
        }
    }

    @Test
    void destroysTheWaitingSandboxesWhenClosed() throws Exception {
        SandboxPool pool = new SandboxPool(2, sandboxes);
        assertThat(pool.awaitFull(10_000)).isTrue();

        pool.close();

        assertThat(destroyed).containsExactlyInAnyOrder("i8s-pool-1", "i8s-pool-2");
        for (Process process : processes) {
            assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("stopped").isTrue();
        }
        assertThat(pool.take()).isNull();
    }
}
