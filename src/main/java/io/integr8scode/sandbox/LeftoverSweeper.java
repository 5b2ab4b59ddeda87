package io.integr8scode.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes what crashed or killed runs left behind: containers in our state root, their cgroups and bundle
 * directories. Anything that belongs to a run of this process that is still going is left alone. Cgroups
 * share one parent with other instances on the machine, so only those of our own containers (in our state root
 * or data dir) are killed and removed; another's only when long abandoned ({@link #ABANDONED_AFTER}).
 */
final class LeftoverSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverSweeper.class);

    /**
     * Another instance's cgroup (not in our state root or bundles) is removed only when it is empty and older than
     * this: a younger empty one may belong to a container being created right now, whose runtime has not joined it
     * yet, or to a finished run whose OOM counter is about to be read (a run lasts at most its time limit plus the
     * kill grace, minutes). An empty folder that old is one whose runtime and state are gone (a killed process, a
     * deleted state root), which nobody else would ever remove. Its processes are never killed.
     */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

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

    /** What of ours was removed, one entry each ("container ID", "cgroup PATH", "bundle ID"). */
    List<String> sweep() throws IOException, InterruptedException {
        // Taken before anything is listed: a run's teardown may delete its container and leave activeIds between
        // the listing and the check, and a forced delete of a container already gone still succeeds.
        Set<String> activeAtStart = Set.copyOf(activeIds);
        List<String> removed = new ArrayList<>();
        Set<String> ours = new HashSet<>(bundles.existing());
        for (String id : cli.listIds()) {
            ours.add(id);
            if (isLeftover(id, activeAtStart)) {
                cli.kill(id);
                if (cli.forceDelete(id).exitCode() == 0) {
                    removed.add("container " + id);
                }
            }
        }
        Instant abandonedBefore = Instant.now().minus(ABANDONED_AFTER);
        for (Path dir : cgroups.containerDirs()) {
            String id = dir.getFileName().toString();
            if (!isLeftover(id, activeAtStart)) {
                continue;
            }
            if (ours.contains(id)) {
                if (cgroups.killAndRemove(dir)) {
                    removed.add("cgroup " + dir);
                }
            } else if (cgroups.removeIfAbandoned(dir, abandonedBefore)) {
                // Not ours, so not in what this sweep reports as its own leftovers.
                LOG.info("removed the abandoned empty cgroup folder {}", dir);
            }
        }
        for (String id : bundles.existing()) {
            if (isLeftover(id, activeAtStart) && bundles.delete(id)) {
                removed.add("bundle " + id);
            }
        }
        return removed;
    }

    private boolean isLeftover(String containerId, Set<String> activeAtStart) {
        return ContainerIds.isOurs(containerId) && !activeAtStart.contains(containerId) && !activeIds.contains(containerId);
    }
}
