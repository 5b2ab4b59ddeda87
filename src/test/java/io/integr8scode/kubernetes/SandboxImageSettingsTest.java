package io.integr8scode.kubernetes;

import io.integr8scode.sandbox.SandboxImageBuild;
import io.integr8scode.sandbox.SandboxProperties;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox image has one name, its definition's: {@code infra/sandbox-image/build.sh --print-image}. The shipped
 * settings of both runners agree with it (the chart's default is checked in {@link HelmChartTest}), so pods run the
 * image whose rootfs the local runner uses, and a changed definition cannot leave a stale tag behind.
 */
class SandboxImageSettingsTest {

    static final String STALE_TAG = "the sandbox image's definition changed: write the tag of `infra/sandbox-image/"
            + "build.sh --print-image` into application.yaml (integr8scode.sandbox.image-tag), the chart's values.yaml "
            + "(executions.image) and execution-pod.snapshot.yaml";

    @Test
    void podsRunTheImageOfTheRepositorysDefinition() {
        assertThat(TestSettings.defaults().image()).as(STALE_TAG).isEqualTo(SandboxImageBuild.printImage());
    }

    @Test
    void localSandboxesUseTheRootAndManifestWhereBuildShCachesThatImage() {
        SandboxProperties sandbox = TestSettings.sandbox();
        Path built = SandboxImageBuild.printDir();

        assertThat(sandbox.rootfs()).as(STALE_TAG).isEqualTo(built.resolve("rootfs"));
        assertThat(sandbox.manifest()).isEqualTo(built.resolve("manifest.json"));
    }
}
