package io.integr8scode.security;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;

/**
 * platform-http hands each request to an executor, off the servlet thread that Spring Security ran on.
 * Camel prefers a DelegatingSecurityContextAsyncTaskExecutor when there is one, and that carries the
 * request's security context into the route, so routes see the signed-in user.
 */
@Configuration(proxyBeanMethods = false)
class SecuredRouteExecutorConfiguration {

    /** The pool Spring Boot would have made (same name and settings); the wrapper below keeps it from doing so. */
    @Bean
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.build();
    }

    @Bean
    DelegatingSecurityContextAsyncTaskExecutor securityContextTaskExecutor(ThreadPoolTaskExecutor applicationTaskExecutor) {
        return new DelegatingSecurityContextAsyncTaskExecutor(applicationTaskExecutor);
    }
}
