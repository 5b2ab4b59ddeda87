package io.integr8scode.webhooks;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The addresses a callback may not reach (server-side request forgery): unspecified, loopback, link-local
 * (including cloud metadata at 169.254.169.254 and fd00:ec2::254), private (10/8, 172.16/12, 192.168/16),
 * carrier-grade NAT (100.64/10), unique-local IPv6 (fc00::/7), multicast and reserved ranges, and IPv4 inside
 * IPv6 (mapped, compatible, NAT64) judged as its IPv4. Host names such as localhost and metadata names are
 * refused before resolving. The allow-list admits exceptions: an entry with a "/" is a CIDR range of addresses
 * that may be connected to, whatever name led there; any other entry is a host as the URL writes it (a name or a
 * literal address), which may be called whatever it resolves to.
 */
final class ForbiddenAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> FORBIDDEN_NAMES = List.of("localhost", "metadata.google.internal", "metadata");
    private static final List<Range> FORBIDDEN_V4 = ranges("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<Range> FORBIDDEN_V6 = ranges("::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10",
            "ff00::/8", "2001:db8::/32", "100::/64");

    private final List<String> allowedNames = new ArrayList<>();
    private final List<Range> allowedRanges = new ArrayList<>();

    ForbiddenAddresses(List<String> allowedTargets) {
        for (String target : allowedTargets) {
            String entry = bareHost(target.trim());
            if (entry.contains("/")) {
                allowedRanges.add(Range.of(entry));
            } else {
                allowedNames.add(entry.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** True when a callback may not connect to {@code address} (reached by the name {@code host}). */
    boolean forbids(String host, InetAddress address) {
        if (allowedNames.contains(host.toLowerCase(Locale.ROOT)) || allowedRanges.stream().anyMatch(range -> range.contains(address))) {
            return false;
        }
        InetAddress judged = embeddedIpv4(address);
        List<Range> forbidden = judged instanceof Inet4Address ? FORBIDDEN_V4 : FORBIDDEN_V6;
        return judged.isAnyLocalAddress() || judged.isLoopbackAddress() || judged.isLinkLocalAddress()
                || judged.isSiteLocalAddress() || judged.isMulticastAddress() || forbidden.stream().anyMatch(range -> range.contains(judged));
    }

    /** True for a host name refused before any lookup (localhost, metadata names), unless allowed. */
    boolean forbidsName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (allowedNames.contains(name)) {
            return false;
        }
        return FORBIDDEN_NAMES.contains(name) || name.endsWith(".localhost");
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    /** The host without IPv6 brackets. */
    static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96). */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= bytes[i] == 0;
        }
        boolean mapped = zeroPrefix && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) || (bytes[10] == 0 && bytes[11] == 0
                && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0)));
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b;
        if (!mapped && !nat64) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Range> ranges(String... cidrs) {
        return List.of(cidrs).stream().map(Range::of).toList();
    }

    /** A CIDR range. */
    private record Range(byte[] network, int prefix) {

        static Range of(String cidr) {
            String[] parts = cidr.split("/", 2);
            try {
                return new Range(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not an address or CIDR range in integr8scode.webhooks.allowed-targets: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
