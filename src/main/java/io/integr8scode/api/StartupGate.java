package io.integr8scode.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server opens its port before Camel has started the routes that serve the API. Until every route
 * is up, each API request is answered 503 with Retry-After instead of a 404 from Spring MVC; the API
 * document, Swagger UI and the actuator stay reachable.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter implements CamelContextConfiguration {

    private final ProblemWriter problems;
    /** Set when Camel builds its context, before it starts; read by request threads. */
    private volatile CamelContext camel;

    StartupGate(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }

    boolean isOpen() {
        CamelContext context = camel;
        return context != null && context.isStarted();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isOpen() || !ApiPaths.isOperation(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(request, response, ApiProblem.starting());
    }
}
