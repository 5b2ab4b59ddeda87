package io.integr8scode.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every parameter name and every header name and value inside the security chain. The firewall checks them
 * only when they are read, and the routes read them on another thread, where a refused one (a control character in
 * an Idempotency-Key, say) became a 500; read here, it reaches {@link RejectedRequests} and is a 400. (Not a bean:
 * it runs only inside the security chain.)
 */
class FirewallReadAhead extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Collections.list(request.getParameterNames());
        for (String name : Collections.list(request.getHeaderNames())) {
            Collections.list(request.getHeaders(name));
        }
        chain.doFilter(request, response);
    }
}
