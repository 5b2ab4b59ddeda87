package io.integr8scode.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * How the container starts the shared Python bootstrap: the command line and the environment that carries the
 * script, stdin and limits. Everything travels inside the pod spec, so no second object (ConfigMap, Secret) can
 * outlive the pod or leak.
 */
record PodLaunch(List<String> command, Map<String, String> environment) {
    PodLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
