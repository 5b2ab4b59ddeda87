package io.integr8scode.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The embedded broker's TCP acceptor for queue submitters; 127.0.0.1 unless configured otherwise. */
@ConfigurationProperties("integr8scode.broker")
public record BrokerProperties(String acceptorUrl) {
}
