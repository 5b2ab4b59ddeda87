package io.integr8scode.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local runner starts only on a built sandbox image, and says how to build one when it is missing. */
class ImageRootfsTest {

    @TempDir
    Path dir;

    @Test
    void acceptsTheBuiltImageOfTheShippedSettings() {
        Path rootfs = ShippedSettings.sandbox(Map.of()).rootfs();

        assertThat(ImageRootfs.verified(rootfs)).isEqualTo(rootfs);
    }

    @Test
    void refusesAMissingImageAndSaysHowToBuildIt() {
        Path missing = dir.resolve("images/0123456789ab/rootfs");

        assertThatThrownBy(() -> ImageRootfs.verified(missing))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessage("the sandbox image's root file system " + missing + " does not exist")
                .extracting(failure -> ((SandboxUnavailableException) failure).action()).asString()
                .contains("infra/sandbox-image/build.sh", "--print-dir", "integr8scode.sandbox.image-dir");
    }

    /** runc would create the missing mount point inside the image every sandbox shares. */
    @Test
    void refusesARootThatLacksAMountPointOrPython() throws IOException {
        Path rootfs = fakeImage();
        Files.delete(rootfs.resolve("sandbox"));
        Files.delete(rootfs.resolve("usr/bin/python3"));

        assertThatThrownBy(() -> ImageRootfs.verified(rootfs))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessage("the sandbox image's root file system " + rootfs
                        + " is not a sandbox image: no /usr/bin/python3, no directory /sandbox");
    }

    @Test
    void refusesATmpThatRuncWouldMountWithoutItsStickyMode() throws IOException {
        Path rootfs = fakeImage();
        Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 0755);

        assertThatThrownBy(() -> ImageRootfs.verified(rootfs))
                .hasMessageEndingWith("is not a sandbox image: /tmp is not mode 1777");
        Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 01777);
        assertThat(ImageRootfs.verified(rootfs)).isEqualTo(rootfs);
    }

    @Test
    void aFailedStartNamesTheProblemAndItsFix() {
        SandboxUnavailableException cause = new SandboxUnavailableException("the image is gone", "Build it.");

        FailureAnalysis analysis = new SandboxUnavailableFailureAnalyzer().analyze(new IllegalStateException(cause));

        assertThat(analysis.getDescription()).isEqualTo("The local sandbox cannot run: the image is gone");
        assertThat(analysis.getAction()).isEqualTo("Build it.");
        assertThat(new SandboxUnavailableFailureAnalyzer().analyze(new SandboxUnavailableException("no runc"))
                .getAction()).contains("integr8scode.sandbox.runtime");
    }

    private Path fakeImage() throws IOException {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        for (String mountPoint : OciBundleConfig.ROOT_MOUNT_POINTS) {
            Files.createDirectory(rootfs.resolve(mountPoint.substring(1)));
        }
        Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 01777);
        Path python = Files.createFile(Files.createDirectories(rootfs.resolve("usr/bin")).resolve("python3"));
        Files.setAttribute(python, "unix:mode", 0755);
        return rootfs;
    }
}
