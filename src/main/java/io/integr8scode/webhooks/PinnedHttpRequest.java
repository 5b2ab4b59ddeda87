package io.integr8scode.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One request (POST, or PUT for Judge0) to a callback, connected to an address resolved and checked before: the client's only "DNS" answers
 * that address, so the Host header and TLS server name are the URL's name while the connection cannot go anywhere
 * else. No redirects (a redirect could point anywhere), no proxy, no retries of its own.
 */
final class PinnedHttpRequest {

    private PinnedHttpRequest() {
    }

    /** Sends the JSON body and returns the status code; an I/O failure (refused, timed out) is thrown. */
    static int send(String method, URI url, InetAddress pinned, String body, java.util.Map<String, String> headers,
                    Duration timeout) throws IOException {
        DnsResolver onlyThePinnedAddress = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return new InetAddress[] {pinned};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout limit = Timeout.of(timeout);
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(onlyThePinnedAddress)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build()) {
            HttpUriRequestBase request = new HttpUriRequestBase(method, url);
            headers.forEach(request::setHeader);
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            return client.execute(request, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        }
    }
}
