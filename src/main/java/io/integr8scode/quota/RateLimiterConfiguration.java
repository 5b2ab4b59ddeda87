package io.integr8scode.quota;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One limiter for script submissions, one for sign-up and sign-in attempts. */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

    @Bean
    ClientRateLimiter submissionRateLimiter(QuotaProperties quota) {
        return new ClientRateLimiter("submissions", quota.submissions(), quota.maxTrackedClients());
    }

    @Bean
    ClientRateLimiter signInRateLimiter(QuotaProperties quota) {
        return new ClientRateLimiter("sign-in attempts", quota.signIn(), quota.maxTrackedClients());
    }
}
