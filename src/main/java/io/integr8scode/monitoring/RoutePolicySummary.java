package io.integr8scode.monitoring;

import java.util.Comparator;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Logs, once the routes have started, which error policy each route runs under (routes/error-handling.yaml):
 * a named one for entry routes, the default (failures propagate to the caller) for all others.
 */
@Component
class RoutePolicySummary implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoutePolicySummary.class);
    static final String DEFAULT_POLICY = "default (no error handler: failures reach the calling route)";

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // Routes do not exist yet.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        log.info("Error policy by route:\n{}", summary(camelContext));
    }

    static String summary(CamelContext camelContext) {
        return camelContext.getRoutes().stream()
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(route -> String.format("  %-32s %s", route.getRouteId(), policyOf(route)))
                .collect(Collectors.joining("\n"));
    }

    static String policyOf(Route route) {
        String configuration = route.getConfigurationId();
        // Camel names the id-less route configuration "<default>".
        return configuration == null || configuration.isBlank() || configuration.equals("<default>") ? DEFAULT_POLICY : configuration;
    }
}
