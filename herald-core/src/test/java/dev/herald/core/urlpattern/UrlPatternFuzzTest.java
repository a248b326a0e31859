package dev.herald.core.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.TopicSelector;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * URL patterns come from any subscriber ({@code match_urlpattern}) and from tokens ({@code urlpattern}
 * grants), and topics from any publisher. Whatever they are, compiling either refuses with
 * {@link InvalidUrlPatternException} (a message safe to send back) or yields a pattern whose answers agree
 * with each other: the fast paths ({@code matches}) with the full regular expressions ({@code exec}), the
 * remembered answers with fresh ones, and the dispatcher's index with the match (a topic a pattern
 * matches is found under the pattern's index key, else its subscribers would miss it). No regex-engine
 * exception escapes and no match runs away: RE2/J is linear, and a hang is a finding (Jazzer's timeout).
 * Fuzzed by Jazzer (see docs/reliability.md); each input is UTF-8 text, read as described per target.
 */
class UrlPatternFuzzTest {

    private static final String HUB = "https://hub.example.com/.well-known/mercure";
    private static final TopicKeys KEYS = TopicKeys.against(HUB);

    /** The input is a pattern, a line feed, and a topic (all of it a pattern when there is no line feed). */
    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"https://", "://", ":id", "(\\d+)", "*", "{", "}?", "+", "\\", "[::1]", "%2e", "..",
            "?q=", "#", "@", "xn--", "/.well-known/mercure"})
    void anyPatternIsRefusedClearlyOrAnswersConsistently(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String patternText = newline < 0 ? text : text.substring(0, newline);
        String topic = newline < 0 ? patternText : text.substring(newline + 1);

        UrlPattern pattern;
        try {
            pattern = UrlPattern.compile(patternText, HUB);
        } catch (InvalidUrlPatternException refused) {
            assertSafeToSend(refused.getMessage());
            return;
        }

        boolean matches = pattern.matches(topic);
        assertThat(pattern.exec(topic, HUB) != null)
                .as("the full regular expressions agree with the fast paths on %s", topic).isEqualTo(matches);
        TopicSelector selector = TopicSelector.urlPattern(patternText, HUB);
        assertThat(selector.matches(topic)).as("a selector answers as its pattern").isEqualTo(matches);
        assertThat(selector.matches(topic)).as("a remembered answer is the same answer").isEqualTo(matches);
        if (matches && pattern.indexKey() != null) {
            assertThat(KEYS.keyOf(topic)).as("a matched topic is found under the pattern's index key")
                    .startsWith(pattern.indexKey());
        }
    }

    /**
     * The input is a URL. A pattern built from its components, each escaped so that it is fixed text,
     * matches it, in the constructor-string form and in the dictionary form: canonicalizing what the URL
     * parser produced changes nothing.
     */
    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"https://", "http://", "ws://", "file://", "foo://", "@", ":", "[", "]", "%", "..", "?",
            "#", "\\", "*", "(", "{", ":8080", "xn--"})
    void aUrlsOwnComponentsEscapedAreAPatternMatchingIt(byte[] data) {
        String topic = new String(data, StandardCharsets.UTF_8);
        if (topic.length() > UrlPattern.MAX_INPUT_LENGTH) {
            return;
        }
        WhatwgUrl url = WhatwgUrl.parse(topic, null);
        if (url == null || url.opaquePath != null) {
            return; // opaque paths are joined to the base's directory (docs/mercure.md): not fixed text
        }
        Map<String, String> components = Map.of("protocol", url.scheme, "username", url.username,
                "password", url.password, "hostname", url.host == null ? "" : url.host, "port", url.portString(),
                "pathname", url.pathname(), "search", url.query == null ? "" : url.query,
                "hash", url.fragment == null ? "" : url.fragment);

        UrlPattern fromString;
        UrlPattern fromInit;
        try {
            fromString = UrlPattern.compile(constructorString(url), null);
            fromInit = UrlPattern.fromInit(escapeAll(components));
        } catch (InvalidUrlPatternException refused) {
            assertThat(refused.getMessage()).as("fixed text is refused only for a bound")
                    .containsAnyOf("too long", "too complex");
            return;
        }

        assertThat(fromString.matches(topic)).as("%s matches %s", fromString, topic).isTrue();
        assertThat(fromInit.matches(topic)).as("%s matches %s", fromInit, topic).isTrue();
    }

    /** {@code scheme://user\:pass@host:port/path?query#fragment}, every component escaped. */
    private static String constructorString(WhatwgUrl url) {
        StringBuilder pattern = new StringBuilder(InitProcessing.escape(url.scheme)).append(':');
        if (url.host != null) {
            pattern.append("//");
            if (!url.username.isEmpty() || !url.password.isEmpty()) {
                pattern.append(InitProcessing.escape(url.username));
                if (!url.password.isEmpty()) {
                    // Escaped, as the standard wants: an unescaped ':' before a name starts a group (:pass).
                    pattern.append("\\:").append(InitProcessing.escape(url.password));
                }
                pattern.append('@');
            }
            pattern.append(InitProcessing.escape(url.host));
            if (url.port >= 0) {
                pattern.append(':').append(url.port);
            }
        }
        pattern.append(InitProcessing.escape(url.pathname()));
        pattern.append('?').append(url.query == null ? "" : InitProcessing.escape(url.query));
        pattern.append('#').append(url.fragment == null ? "" : escapeHash(url.fragment));
        return pattern.toString();
    }

    private static Map<String, String> escapeAll(Map<String, String> components) {
        Map<String, String> escaped = new java.util.HashMap<>();
        components.forEach((name, value) ->
                escaped.put(name, name.equals("hash") ? escapeHash(value) : InitProcessing.escape(value)));
        return escaped;
    }

    /**
     * A hash escaped, and its leading {@code #} too: the standard strips one from a pattern's hash (as a
     * separator), so the fragment {@code #x} of {@code https://a/##x} must be written {@code \#x}.
     * (A search's leading {@code ?} is escaped already, being pattern syntax.)
     */
    private static String escapeHash(String hash) {
        String escaped = InitProcessing.escape(hash);
        return escaped.startsWith("#") ? "\\" + escaped : escaped;
    }

    private static void assertSafeToSend(String message) {
        assertThat(message).as("a refusal says why").isNotBlank();
        assertThat(message.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT)).as("the refusal %s is safe to send back", message).isTrue();
    }
}
