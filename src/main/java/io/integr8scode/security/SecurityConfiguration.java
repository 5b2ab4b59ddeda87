package io.integr8scode.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * The API as an OAuth2 resource server. Every request may carry a bearer token; a bad one is a 401, never
 * anonymous use. Ownership of executions and scripts is decided in the data access, not here: this only
 * says which endpoints need a signed-in user at all.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] EXECUTION_ENDPOINTS = {"/api/v1/executions", "/api/v1/executions/**", "/execute", "/result/**",
            "/api/v2/execute"};

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, RoleClaims roleClaims,
                                    ProblemResponses problems,
                                    @Value("${integr8scode.judge0.path-prefix}") String judge0Prefix) throws Exception {
        http
                // Stateless bearer tokens, no cookies: nothing for a cross-site request to ride on.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/api/v1/auth/me", "/api/v1/scripts", "/api/v1/scripts/**").authenticated();
                    // Listing is per user: there is nothing to list for an anonymous caller.
                    requests.requestMatchers(HttpMethod.GET, "/api/v1/executions").authenticated();
                    if (!properties.anonymousEnabled()) {
                        requests.requestMatchers(EXECUTION_ENDPOINTS).authenticated();
                        // The Judge0-compatible API's submissions are executions too (routes/judge0.yaml).
                        requests.requestMatchers(judge0Prefix + "/submissions", judge0Prefix + "/submissions/**").authenticated();
                    }
                    requests.anyRequest().permitAll();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roleClaims))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new FirewallReadAhead(), DisableEncodeUrlFilter.class);
        return http.build();
    }

    /**
     * The token comes in the Authorization header. A browser's EventSource cannot set headers, so the
     * event stream alone also takes it as {@code ?access_token=} (RFC 6750, section 2.3).
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> (request.getRequestURI().endsWith("/events") ? headerOrQuery : headerOnly).resolve(request);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
