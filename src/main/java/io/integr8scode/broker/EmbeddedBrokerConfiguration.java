package io.integr8scode.broker;

import io.integr8scode.execution.QueueNames;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.CoreQueueConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Shapes the embedded Artemis broker (spring.artemis.mode=embedded): a TCP acceptor speaking CORE, AMQP
 * and STOMP for other systems, durable anycast queues for submissions and work, and dead-letter
 * addresses so a poison message can never block a queue. With mode=native none of this applies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    private static final int MAX_DELIVERY_ATTEMPTS = 5;

    @Bean
    ArtemisConfigurationCustomizer integr8scodeBroker(BrokerProperties broker, QueueNames queues) {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration("integr8scode-tcp", broker.acceptorUrl());
            } catch (Exception e) {
                throw new IllegalStateException("Invalid integr8scode.broker.acceptor-url: " + broker.acceptorUrl(), e);
            }
            configuration.setSecurityEnabled(false);
            configuration.setJMXManagementEnabled(false);
            for (String queue : new String[] {queues.submit(), queues.submitDeadLetter(), queues.executions(), queues.executions() + ".DLQ"}) {
                configuration.addAddressConfiguration(new CoreAddressConfiguration()
                        .setName(queue)
                        .addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(new CoreQueueConfiguration()
                                .setName(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
            }
            configuration.addAddressSetting(queues.submit(), new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(queues.submitDeadLetter()))
                    .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS));
            configuration.addAddressSetting(queues.executions(), new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(queues.executions() + ".DLQ"))
                    .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                    .setRedeliveryDelay(1000));
        };
    }
}
