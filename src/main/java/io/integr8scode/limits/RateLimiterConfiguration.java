package io.integr8scode.limits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One limiter for script submissions, one for sign-up and sign-in attempts. */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

    @Bean
    ClientRateLimiter submissionRateLimiter(LimitProperties limits) {
        return new ClientRateLimiter("submissions", limits.submissions(), limits.maxTrackedClients());
    }

    @Bean
    ClientRateLimiter signInRateLimiter(LimitProperties limits) {
        return new ClientRateLimiter("sign-in attempts", limits.signIn(), limits.maxTrackedClients());
    }
}
