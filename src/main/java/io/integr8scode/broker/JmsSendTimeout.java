package io.integr8scode.broker;

import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Bounds every blocking call to the broker (a durable send waits for the broker's confirmation) by
 * {@code integr8scode.broker.send-timeout}, in both modes, so a submission never waits on the broker longer than
 * that. Spring Boot builds the Artemis connection factory inside the caching one, so it is set there.
 */
@Configuration(proxyBeanMethods = false)
class JmsSendTimeout {

    @Bean
    static BeanPostProcessor brokerCallTimeout(@Value("${integr8scode.broker.send-timeout}") Duration timeout) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                Object target = bean instanceof CachingConnectionFactory caching ? caching.getTargetConnectionFactory() : bean;
                if (target instanceof ActiveMQConnectionFactory artemis) {
                    artemis.setCallTimeout(timeout.toMillis());
                }
                return bean;
            }
        };
    }
}
