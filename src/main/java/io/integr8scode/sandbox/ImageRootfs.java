package io.integr8scode.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox image's root file system (built by infra/sandbox-image/build.sh), which every local sandbox gets as
 * its read-only root. Checked once at startup, so that a machine without the image fails with the command that
 * builds it, and so that no run ever makes runc create a missing mount point inside the root every sandbox shares.
 */
final class ImageRootfs {

    static final String PYTHON = "usr/bin/python3";
    private static final int STICKY_WORLD_WRITABLE = 01777;
    private static final String BUILD_IT = "Build the sandbox image with infra/sandbox-image/build.sh (infra/run.sh "
            + "builds it before starting the app) and set integr8scode.sandbox.image-dir to the folder that "
            + "`infra/sandbox-image/build.sh --print-dir` prints (or integr8scode.sandbox.rootfs to its rootfs/).";

    private ImageRootfs() {
    }

    /**
     * @return {@code rootfs}, when it holds python3, every mount point of the bundle, and a /tmp of mode 1777 (runc
     * gives the tmpfs its mount point's mode)
     * @throws SandboxUnavailableException naming what is missing and how to build the image
     */
    static Path verified(Path rootfs) {
        if (!Files.isDirectory(rootfs)) {
            throw new SandboxUnavailableException("the sandbox image's root file system " + rootfs
                    + " does not exist", BUILD_IT);
        }
        List<String> problems = new ArrayList<>();
        if (!Files.isExecutable(rootfs.resolve(PYTHON))) {
            problems.add("no /" + PYTHON);
        }
        for (String mountPoint : OciBundleConfig.ROOT_MOUNT_POINTS) {
            if (!Files.isDirectory(rootfs.resolve(mountPoint.substring(1)), LinkOption.NOFOLLOW_LINKS)) {
                problems.add("no directory " + mountPoint);
            }
        }
        Path tmp = rootfs.resolve("tmp");
        if (Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS) && mode(tmp) != STICKY_WORLD_WRITABLE) {
            problems.add("/tmp is not mode 1777");
        }
        if (!problems.isEmpty()) {
            throw new SandboxUnavailableException("the sandbox image's root file system " + rootfs
                    + " is not a sandbox image: " + String.join(", ", problems), BUILD_IT);
        }
        return rootfs;
    }

    private static int mode(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        } catch (IOException e) {
            return -1;
        }
    }
}
