package io.integr8scode.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every parameter name inside the security chain. The firewall checks names only when they are read,
 * and the routes read them on another thread, where a refused name became a 500; read here, a refused name
 * reaches {@link RejectedRequests} and is a 400. (Not a bean: it runs only inside the security chain.)
 */
class ParameterNamesCheck extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Collections.list(request.getParameterNames());
        chain.doFilter(request, response);
    }
}
