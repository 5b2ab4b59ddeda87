package io.integr8scode.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses and names a callback may not reach, and what the allow-list admits. */
class ForbiddenAddressesTest {

    private final ForbiddenAddresses guard = new ForbiddenAddresses(List.of());

    @Test
    void forbidsInternalRangesOfBothFamilies() throws Exception {
        for (String address : List.of("127.0.0.1", "127.8.9.10", "0.0.0.0", "10.2.3.4", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "100.127.255.254", "198.18.0.1", "224.0.0.1", "255.255.255.255",
                "::", "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe")) {
            assertThat(guard.forbids(address, InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void allowsPublicAddresses() throws Exception {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8")) {
            assertThat(guard.forbids(address, InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void forbidsLocalNamesBeforeResolving() {
        assertThat(guard.forbidsName("localhost")).isTrue();
        assertThat(guard.forbidsName("LOCALHOST.")).isTrue();
        assertThat(guard.forbidsName("api.localhost")).isTrue();
        assertThat(guard.forbidsName("metadata.google.internal")).isTrue();
        assertThat(guard.forbidsName("hooks.example.com")).isFalse();
    }

    @Test
    void theAllowListAdmitsAHostAsWrittenOrARangeOfAddresses() throws Exception {
        ForbiddenAddresses allowing = new ForbiddenAddresses(List.of("127.0.0.1", "hooks.internal", "10.1.0.0/16"));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        assertThat(allowing.forbids("127.0.0.1", loopback)).isFalse();
        assertThat(allowing.forbids("some-name", loopback)).as("a name resolving to an allowed host's address").isTrue();
        assertThat(allowing.forbids("hooks.internal", InetAddress.getByName("10.9.9.9"))).isFalse();
        assertThat(allowing.forbids("other.internal", InetAddress.getByName("10.1.2.3"))).isFalse();
        assertThat(allowing.forbids("other.internal", InetAddress.getByName("10.2.0.1"))).isTrue();
        assertThat(allowing.forbidsName("hooks.internal")).isFalse();
    }
}
