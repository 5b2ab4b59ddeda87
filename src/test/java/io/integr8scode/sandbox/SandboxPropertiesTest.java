package io.integr8scode.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings bind from {@code integr8scode.sandbox.*}; application.yaml is the only place with defaults. */
class SandboxPropertiesTest {

    @Test
    void shipsEveryDefaultInApplicationYaml() {
        SandboxProperties shipped = ShippedSettings.sandbox(Map.of());

        assertThat(shipped.tmpSizeMb()).isEqualTo(32);
        assertThat(shipped.pidsLimit()).isEqualTo(96);
        assertThat(shipped.openFilesLimit()).isEqualTo(256);
        assertThat(shipped.uid()).isEqualTo(65534);
        assertThat(shipped.gid()).isEqualTo(65534);
        assertThat(shipped.killGraceSeconds()).isEqualTo(30);
        assertThat(shipped.outputLimitMb()).isEqualTo(1);
        assertThat(shipped.runtime()).isEqualTo("runc");
        assertThat(shipped.dataDir()).isEqualTo(Path.of("data/sandbox").toAbsolutePath());
        assertThat(shipped.stateDir()).isEqualTo(Path.of("data/sandbox-state").toAbsolutePath());
        assertThat(shipped.maxConcurrentRuns()).isEqualTo(4);
        assertThat(shipped.runscPlatform()).isEqualTo("systrap");
    }

    @Test
    void usesTheRunscThatInfraGvisorBuildShBuilds() throws Exception {
        Process printDir = new ProcessBuilder("bash", "infra/gvisor/build.sh", "--print-dir").start();
        String buildDir = new String(printDir.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(printDir.waitFor()).isZero();

        assertThat(ShippedSettings.sandbox(Map.of()).runscBinary()).isEqualTo(Path.of(buildDir, "runsc"));
    }

    @Test
    void bindsKebabCaseSettingsOverTheShippedOnes() {
        SandboxProperties bound = ShippedSettings.sandbox(Map.of(
                "integr8scode.sandbox.runtime", "runsc",
                "integr8scode.sandbox.data-dir", "/var/lib/i8s",
                "integr8scode.sandbox.pids-limit", "128",
                "integr8scode.sandbox.tmp-size-mb", "64",
                "integr8scode.sandbox.output-limit-mb", "2"));

        assertThat(bound.runtime()).isEqualTo("runsc");
        assertThat(bound.dataDir()).isEqualTo(Path.of("/var/lib/i8s"));
        assertThat(bound.pidsLimit()).isEqualTo(128);
        assertThat(bound.tmpSizeMb()).isEqualTo(64);
        assertThat(bound.outputLimitBytes()).isEqualTo(2 * 1024 * 1024);
    }

    /** What infra/run.sh passes: the folder build.sh prints; the root and the manifest are found inside it. */
    @Test
    void findsTheImagesRootAndManifestInTheImageDir() {
        SandboxProperties bound = ShippedSettings.sandbox(Map.of("integr8scode.sandbox.image-dir", "/opt/i8s/image"));

        assertThat(bound.rootfs()).isEqualTo(Path.of("/opt/i8s/image/rootfs"));
        assertThat(bound.manifest()).isEqualTo(Path.of("/opt/i8s/image/manifest.json"));
    }

    @Test
    void refusesToStartWithoutASetting() {
        Binder withoutDefaults = new Binder(new MapConfigurationPropertySource(Map.of("integr8scode.sandbox.runtime", "runc")));

        assertThatThrownBy(() -> withoutDefaults.bindOrCreate("integr8scode.sandbox", SandboxProperties.class))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("integr8scode.sandbox.tmp-size-mb must be set and positive");
    }

    @Test
    void refusesToRunScriptsAsRoot() {
        assertThatThrownBy(() -> ShippedSettings.sandbox(Map.of("integr8scode.sandbox.uid", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("integr8scode.sandbox.uid (scripts never run as root) must be set and positive");
    }

    @Test
    void buildsOneSpecPerJobFromTheSettings() {
        ExecutionLimits limits = new ExecutionLimits(7, 100, 250);

        assertThat(ShippedSettings.sandbox(Map.of()).specFor(limits))
                .isEqualTo(new SandboxSpec(limits, 32, 96, 256, 65534, 65534, 30, 1,
                        new ArtifactLimits(2048 * 1024, 2048 * 1024, 16)));
    }
}
