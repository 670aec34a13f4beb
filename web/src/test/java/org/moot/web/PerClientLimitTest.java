package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerClientLimitTest {

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress() {
        assertThat(PerClientLimit.key("2001:db8:0:7::1")).isEqualTo(PerClientLimit.key("2001:db8:0:7:ffff:1:2:3"))
                .isEqualTo("2001:db8:0:7:0:0:0:0/64");
        assertThat(PerClientLimit.key("2001:db8:0:8::1")).isNotEqualTo(PerClientLimit.key("2001:db8:0:7::1"));
        assertThat(PerClientLimit.key("203.0.113.9")).isEqualTo("203.0.113.9");
    }
}
