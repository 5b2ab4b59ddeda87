package io.integr8scode.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The root filesystem every sandbox shares, read-only: empty mount points, the merged-/usr symlinks of Debian
 * 12 ({@code /bin -> usr/bin}, ...) and a tiny /etc. The real programs come from a read-only bind of the host's
 * /usr. Built once under the data dir and never changed afterwards: a new layout gets a new directory name.
 */
final class BaseRootfs {

    static final String DIRECTORY_NAME = "rootfs-v1";

    private static final List<String> MOUNT_POINTS = List.of("usr", "proc", "dev", "tmp", "sandbox", "etc");
    private static final List<String> USR_SYMLINKS = List.of("bin", "lib", "lib64", "sbin");
    private static final Map<String, String> ETC_FILES = Map.of(
            "passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/usr/sbin/nologin\n",
            "group", "root:x:0:\nnogroup:x:65534:\n",
            "hosts", "127.0.0.1\tlocalhost sandbox\n::1\tlocalhost\n");
    private static final int STICKY_WORLD_WRITABLE = 01777;

    private BaseRootfs() {
    }

    /** The rootfs under {@code dataDir}, created atomically if it does not exist yet. */
    static synchronized Path ensure(Path dataDir) throws IOException {
        Path rootfs = dataDir.resolve(DIRECTORY_NAME);
        if (Files.isDirectory(rootfs)) {
            return rootfs;
        }
        Files.createDirectories(dataDir);
        Path staging = Files.createTempDirectory(dataDir, DIRECTORY_NAME + ".tmp");
        try {
            populate(staging);
            Files.move(staging, rootfs, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException lost) {
            // Another process built it first; theirs is as good as ours.
            FileTrees.deleteQuietly(staging);
        }
        return rootfs;
    }

    private static void populate(Path root) throws IOException {
        Files.setAttribute(root, "unix:mode", 0755);
        for (String dir : MOUNT_POINTS) {
            Files.createDirectory(root.resolve(dir));
        }
        Files.setAttribute(root.resolve("tmp"), "unix:mode", STICKY_WORLD_WRITABLE);
        for (String link : USR_SYMLINKS) {
            Files.createSymbolicLink(root.resolve(link), Path.of("usr", link));
        }
        for (Map.Entry<String, String> file : ETC_FILES.entrySet()) {
            Path path = Files.writeString(root.resolve("etc").resolve(file.getKey()), file.getValue(),
                    StandardCharsets.UTF_8);
            Files.setAttribute(path, "unix:mode", 0644);
        }
    }
}
