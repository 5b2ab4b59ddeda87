package io.integr8scode.broker;

import io.integr8scode.execution.ExecutionProperties;
import io.integr8scode.execution.QueueNames;
import io.integr8scode.security.QueueCallers;
import io.integr8scode.webhooks.WebhookProperties;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.CoreQueueConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Shapes the embedded Artemis broker (spring.artemis.mode=embedded): a TCP acceptor speaking CORE, AMQP
 * and STOMP for other systems, durable anycast queues for submissions and work, plain names meaning queues
 * (so every protocol's submitter can read its replies from a queue it names), and dead-letter
 * addresses so a poison message can never block a queue. An acceptor reachable from other machines
 * requires the submitter's credentials. With mode=native none of this applies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    private static final int MAX_DELIVERY_ATTEMPTS = 5;
    /** Artemis' own default id-cache-size, kept as the floor. */
    private static final int MIN_ID_CACHE_SIZE = 20_000;
    private static final int ID_CACHE_PER_QUEUED = 20;
    private static final String ACCEPTOR = "integr8scode-tcp";

    /** Gives the broker our security manager before it starts, when the acceptor is exposed. */
    @Bean
    static BeanPostProcessor brokerSecurity(ObjectProvider<BrokerProperties> broker, ObjectProvider<QueueNames> queues,
                                            ObjectProvider<QueueCallers> platformUsers) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ embedded && broker.getObject().requiresCredentials()) {
                    BrokerProperties properties = broker.getObject();
                    if (properties.submitterPassword() == null || properties.submitterPassword().isBlank()) {
                        throw new IllegalStateException("integr8scode.broker.acceptor-url listens beyond this machine ("
                                + properties.acceptorUrl() + "): set integr8scode.broker.submitter-password");
                    }
                    embedded.setSecurityManager(new SubmitterSecurityManager(properties, queues.getObject(), platformUsers.getObject()));
                }
                return bean;
            }
        };
    }

    @Bean
    ArtemisConfigurationCustomizer integr8scodeBroker(BrokerProperties broker, QueueNames queues, ExecutionProperties executions,
                                                      WebhookProperties webhooks) {
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration(ACCEPTOR, broker.acceptorUrl());
            } catch (Exception e) {
                throw new IllegalStateException("Invalid integr8scode.broker.acceptor-url: " + broker.acceptorUrl(), e);
            }
            // STOMP's conventional /queue/ and /topic/ prefixes mean anycast and multicast, unless the URL says otherwise.
            configuration.getAcceptorConfigurations().stream().filter(acceptor -> ACCEPTOR.equals(acceptor.getName())).forEach(acceptor -> {
                acceptor.getParams().putIfAbsent("anycastPrefix", "/queue/");
                acceptor.getParams().putIfAbsent("multicastPrefix", "/topic/");
            });
            // A destination named without a routing type is a queue: a STOMP SUBSCRIBE or an AMQP link on a plain
            // "my.replies" then reads the queue the app replies to. Artemis's default (multicast) would give each
            // such subscriber a subscription of its own, which a reply sent to the queue never reaches.
            AddressSettings everyAddress = configuration.getAddressSettings().get("#");
            if (everyAddress == null) {
                everyAddress = new AddressSettings();
                configuration.addAddressSetting("#", everyAddress);
            }
            everyAddress.setDefaultAddressRoutingType(RoutingType.ANYCAST).setDefaultQueueRoutingType(RoutingType.ANYCAST);
            // Security only when the acceptor is exposed (SubmitterSecurityManager). No caching: the cache key
            // ignores the transport, so an anonymous network client could hit the app's in-VM entry.
            configuration.setSecurityEnabled(broker.requiresCredentials());
            // Every message carries the name its sender signed in with, stamped by the broker over anything the sender
            // wrote there: intake maps a platform user's to its owner.
            configuration.registerBrokerPlugin(new SubmitterStamp());
            configuration.setAuthenticationCacheSize(0);
            configuration.setAuthorizationCacheSize(0);
            configuration.setJMXManagementEnabled(false);
            // The duplicate-id cache survives restarts (Artemis' default, stated because exactly one work message
            // per execution after a restart rests on it).
            configuration.setPersistIDCache(true);
            for (String queue : new String[] {queues.submit(), queues.submitDeadLetter(), queues.executions(), queues.executionsDeadLetter(),
                    webhooks.queue(), webhooks.deadLetterQueue()}) {
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
                    .setDeadLetterAddress(SimpleString.of(queues.executionsDeadLetter()))
                    .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                    .setRedeliveryDelay(1000)
                    // Duplicate detection keeps one work message per execution: a re-sent id is dropped while it is
                    // among the last N ids sent to the address (persisted, so also after a restart). Every id that
                    // can still have a message waiting must fit: at most max-queued are queued at once (their
                    // holds), so a cache many times that size never forgets a waiting one.
                    .setIDCacheSize(Math.max(MIN_ID_CACHE_SIZE, ID_CACHE_PER_QUEUED * executions.maxQueued())));
            // Webhook deliveries: a failed attempt rolls back and waits, longer each time, until the last one.
            configuration.addAddressSetting(webhooks.queue(), new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(webhooks.deadLetterQueue()))
                    .setMaxDeliveryAttempts(webhooks.maxAttempts())
                    .setRedeliveryDelay(webhooks.firstRetryDelay().toMillis())
                    .setRedeliveryMultiplier(webhooks.backoffMultiplier())
                    .setMaxRedeliveryDelay(webhooks.maxRetryDelay().toMillis()));
            configuration.addAddressSetting(webhooks.deadLetterQueue(), new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(5000));
            // Failing a dead-lettered execution must happen eventually: retried until the store answers.
            configuration.addAddressSetting(queues.executionsDeadLetter(), new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(5000));
        };
    }
}
