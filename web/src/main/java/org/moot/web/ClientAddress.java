package org.moot.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The address of the client, which throttling and the limit of requests at once key on (an IPv6
 * client: its /64). Anyone can write {@code X-Forwarded-For},
 * so it is read only when the direct peer is a configured, trusted reverse proxy, and then from
 * the right: the right-most address that is not itself a trusted proxy is the one that proxy saw.
 */
public final class ClientAddress {

    /** A forwarded chain longer than this is someone's invention; we read no further. */
    private static final int MAX_HOPS = 20;
    /** Dotted IPv4 exactly, or anything with a colon (which Java parses as IPv6 and never looks up). */
    private static final Pattern LITERAL = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Set<InetAddress> trusted;

    /** {@code trusted}: the proxies' IP addresses, as literals; anything else is refused. */
    public ClientAddress(List<String> trusted) {
        this.trusted = trusted.stream().map(a -> parse(a).orElseThrow(() -> new IllegalArgumentException(
                "'" + a + "' is not an IP address; give each trusted proxy as an address such as 10.0.0.2 or ::1")))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The client's address, given the direct peer's and each {@code X-Forwarded-For} line of the
     * request, in order: a proxy may add a line of its own instead of extending the client's.
     */
    public String of(String peer, List<String> forwardedFor) {
        return key(address(peer, forwardedFor));
    }

    private String address(String peer, List<String> forwardedFor) {
        if (forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= Math.max(0, hops.length - MAX_HOPS); i--) {
            String hop = hops[i].strip();
            Optional<InetAddress> address = parse(hop);
            if (address.isEmpty()) {
                // Not an address: the chain is broken here, so the last good hop is the client.
                return client;
            }
            client = address.get().getHostAddress();
            if (!trusted.contains(address.get())) {
                return client;
            }
        }
        return client;
    }

    /** An IPv6 client is its /64: one host is usually given a whole one, to pick addresses from at will. */
    static String key(String address) {
        InetAddress parsed = parse(address).orElse(null);
        if (!(parsed instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = parsed.getAddress(); // a copy of its sixteen bytes
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // sixteen bytes are always an address
        }
    }

    private boolean isTrusted(String peer) {
        return !trusted.isEmpty() && parse(peer).map(trusted::contains).orElse(false);
    }

    /** An IP literal, never a host name: resolving names would put the DNS in every request. */
    static Optional<InetAddress> parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.isEmpty() || bare.length() > 45 || !LITERAL.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
