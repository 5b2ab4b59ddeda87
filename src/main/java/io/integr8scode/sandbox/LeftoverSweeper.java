package io.integr8scode.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what crashed or killed runs left behind: containers in our state root, their cgroups and bundle
 * directories. Anything that belongs to a run of this process that is still going is left alone. Cgroups
 * share one parent with other instances on the machine, so only those of our own containers (in our state root
 * or data dir) are touched.
 */
final class LeftoverSweeper {

    private final RuntimeCli cli;
    private final CgroupFiles cgroups;
    private final RunBundles bundles;
    private final Set<String> activeIds;

    LeftoverSweeper(RuntimeCli cli, CgroupFiles cgroups, RunBundles bundles, Set<String> activeIds) {
        this.cli = cli;
        this.cgroups = cgroups;
        this.bundles = bundles;
        this.activeIds = activeIds;
    }

    /** What was removed, one entry each ("container ID", "cgroup PATH", "bundle ID"). */
    List<String> sweep() throws IOException, InterruptedException {
        List<String> removed = new ArrayList<>();
        Set<String> ours = new HashSet<>(bundles.existing());
        for (String id : cli.listIds()) {
            ours.add(id);
            if (isLeftover(id)) {
                cli.kill(id);
                if (cli.forceDelete(id).exitCode() == 0) {
                    removed.add("container " + id);
                }
            }
        }
        for (Path dir : cgroups.containerDirs()) {
            String id = dir.getFileName().toString();
            // Another instance's cgroup is never touched, not even an empty one: it may belong to a container
            // that is being created right now, whose runtime has not joined it yet.
            if (isLeftover(id) && ours.contains(id) && cgroups.killAndRemove(dir)) {
                removed.add("cgroup " + dir);
            }
        }
        for (String id : bundles.existing()) {
            if (isLeftover(id) && bundles.delete(id)) {
                removed.add("bundle " + id);
            }
        }
        return removed;
    }

    private boolean isLeftover(String containerId) {
        return ContainerIds.isOurs(containerId) && !activeIds.contains(containerId);
    }
}
