package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address is the client's, as plain data: the peer, and X-Forwarded-For only through a trusted proxy. */
class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.2", "::1"));

    @Test
    void withoutATrustedProxyTheHeaderIsIgnored() {
        assertThat(new ClientAddress(List.of()).of("203.0.113.9", List.of("198.51.100.4"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.of("203.0.113.9", List.of("198.51.100.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void throughTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
        assertThat(behindProxies.of("10.0.0.2", List.of("1.1.1.1, 198.51.100.4"))).isEqualTo("198.51.100.4");
        assertThat(behindProxies.of("10.0.0.2", List.of("1.1.1.1, 198.51.100.4, 10.0.0.2"))).isEqualTo("198.51.100.4");
        assertThat(behindProxies.of("[0:0:0:0:0:0:0:1]", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
        assertThat(behindProxies.of("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void aProxyThatAddsALineOfItsOwnIsReadAfterTheClientsLine() {
        // HAProxy's "option forwardfor" adds a header line: the client's own (forged) line comes first.
        assertThat(behindProxies.of("10.0.0.2", List.of("1.1.1.1", "198.51.100.4"))).isEqualTo("198.51.100.4");
    }

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress() {
        ClientAddress direct = new ClientAddress(List.of());
        assertThat(direct.of("2001:db8:0:7::1", List.of())).isEqualTo(direct.of("2001:db8:0:7:ffff:1:2:3", List.of()))
                .isEqualTo("2001:db8:0:7:0:0:0:0/64");
        assertThat(direct.of("2001:db8:0:8::1", List.of())).isNotEqualTo(direct.of("2001:db8:0:7::1", List.of()));
        assertThat(direct.of("203.0.113.9", List.of())).isEqualTo("203.0.113.9");
    }

    @Test
    void aBrokenChainStopsAtItsLastGoodHop() {
        assertThat(behindProxies.of("10.0.0.2", List.of("198.51.100.4, not-an-address, 10.0.0.2"))).isEqualTo("10.0.0.2");
        assertThat(behindProxies.of("10.0.0.2", List.of("evil.example"))).isEqualTo("10.0.0.2");
        assertThat(behindProxies.of("10.0.0.2", List.of("999.1.1.1"))).isEqualTo("10.0.0.2");
    }

    @Test
    void proxiesAreGivenAsAddressesNeverNames() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example"))).hasMessageContaining("is not an IP address");
    }
}
