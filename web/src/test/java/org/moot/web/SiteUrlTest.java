package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Links that leave the page name the site: as configured, or by a Host header that is only a host. */
class SiteUrlTest {

    @Test
    void theConfiguredAddressWinsAndAHostileHostHeaderIsIgnored() {
        assertThat(SiteUrl.of("https://policy.example.org", "http", "evil.example", "127.0.0.1:8080"))
                .isEqualTo("https://policy.example.org");
        assertThat(SiteUrl.of("", "http", "wiki.example:8080", "127.0.0.1:8080")).isEqualTo("http://wiki.example:8080");
        assertThat(SiteUrl.of("", "http", "evil.example\"><script>alert(1)</script>", "127.0.0.1:8080"))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(SiteUrl.of("", "http", "evil.example/path@x", "127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(SiteUrl.of("", "http", null, "127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
    }
}
