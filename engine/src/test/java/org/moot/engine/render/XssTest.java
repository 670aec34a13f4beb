package org.moot.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every variant STACK.md lists (and a few more) goes in; nothing active may come out. */
class XssTest {

    private static final Renderer RENDERER = new Renderer(1 << 20);

    @ParameterizedTest
    @ValueSource(strings = {
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x]: javascript:alert(1)\n\n[x]",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<object data=\"x.swf\"></object>",
        "[[javascript:alert(1)]]",
        "[[x|javascript:alert(1)]]",
        "{{fact:<script>}}",
        "## <img src=x onerror=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<style>body{display:none}</style>",
    })
    void nothingActiveSurvives(String markdown) {
        String html = RENDERER.render(markdown, Optional.empty()).html().toLowerCase(Locale.ROOT);
        assertThat(html).doesNotContain("<script", "<iframe", "<svg", "<object", "<form", "<meta", "<base", "<style",
                "onerror", "onload", "onclick", "style=");
        // Text may say "javascript:"; no attribute may carry it.
        assertThat(html).doesNotContainPattern("(href|src|action)=\"[^\"]*(javascript|vbscript|data):");
        assertThat(html).doesNotContainPattern("href=\"(?!/|#|https?:|mailto:)");
        assertThat(html).doesNotContainPattern("src=\"(?!/|https?:|x\")");
    }
}
