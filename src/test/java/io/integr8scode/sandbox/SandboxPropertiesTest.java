package io.integr8scode.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings bind from {@code integr8scode.sandbox.*} the way the application will bind them. */
class SandboxPropertiesTest {

    static SandboxProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("integr8scode.sandbox", SandboxProperties.class);
    }

    @Test
    void fillsEveryDefault() {
        SandboxProperties defaults = bind(Map.of());

        assertThat(defaults.runtime()).isEqualTo("runc");
        assertThat(defaults.dataDir()).isEqualTo(Path.of("data/sandbox").toAbsolutePath());
        assertThat(defaults.stateDir()).isEqualTo(Path.of("/run/integr8scode/runc"));
        assertThat(defaults.pidsLimit()).isEqualTo(96);
        assertThat(defaults.tmpSize()).isEqualTo(DataSize.ofMegabytes(16));
        assertThat(defaults.outputLimit()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(defaults.openFilesLimit()).isEqualTo(256);
        assertThat(defaults.graceSeconds()).isEqualTo(5);
        assertThat(defaults.maxConcurrentRuns()).isEqualTo(4);
        assertThat(defaults.runscPlatform()).isEqualTo("ptrace");
    }

    @Test
    void bindsKebabCaseSettings() {
        SandboxProperties bound = bind(Map.of(
                "integr8scode.sandbox.runtime", "runsc",
                "integr8scode.sandbox.data-dir", "/var/lib/i8s",
                "integr8scode.sandbox.pids-limit", "128",
                "integr8scode.sandbox.tmp-size", "32MB",
                "integr8scode.sandbox.output-limit", "64KB"));

        assertThat(bound.runtime()).isEqualTo("runsc");
        assertThat(bound.dataDir()).isEqualTo(Path.of("/var/lib/i8s"));
        assertThat(bound.stateDir()).isEqualTo(Path.of("/run/integr8scode/runsc"));
        assertThat(bound.pidsLimit()).isEqualTo(128);
        assertThat(bound.tmpSize()).isEqualTo(DataSize.ofMegabytes(32));
        assertThat(bound.outputLimit().toBytes()).isEqualTo(65536);
    }
}
