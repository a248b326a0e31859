package dev.herald.core.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * URL patterns as Mercure draft-08 uses them: constructor strings, relative patterns and relative topics
 * resolved against the hub's URL, {@code ignoreCase} off (hosts still compare canonically), and topics
 * that are not URLs never matching.
 */
class UrlPatternMatchingTest {

    private static final String HUB = "https://hub.example.com/.well-known/mercure";

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            # --- the spec's example and its neighbours ---------------------------------------------------
            https://example.com/books/:id         | https://example.com/books/1                   | true
            https://example.com/books/:id         | https://example.com/books/1/reviews           | false
            https://example.com/books/:id         | https://example.com/authors/1                 | false
            https://example.com/books/:id         | https://example.com/books/                    | false
            https://example.com/books/:id         | http://example.com/books/1                    | false
            https://example.com/books/:id         | https://example.org/books/1                   | false
            # search and hash left out of a pattern are wildcards
            https://example.com/books/:id         | https://example.com/books/1?page=2#top        | true
            https://example.com/books/:id?page=2  | https://example.com/books/1?page=3            | false
            # a hostname without a port means the default port
            https://example.com/*                 | https://example.com:443/a                     | true
            https://example.com/*                 | https://example.com:8443/a                    | false
            https://example.com:*/*               | https://example.com:8443/a                    | true
            # the topic is parsed as a URL: host lower-cased, dot segments and default port gone
            https://example.com/books/:id         | HTTPS://EXAMPLE.COM/books/1                   | true
            https://example.com/books/:id         | https://example.com/shelf/../books/1          | true
            # everything but the host is case-sensitive (ignoreCase is off)
            https://example.com/books/:id         | https://example.com/Books/1                   | false
            https://EXAMPLE.com/books/:id         | https://example.com/books/1                   | true
            # fixed text in the pattern is canonicalized like the topic
            https://example.com/caf\u00e9/:id          | https://example.com/caf%C3%A9/1               | true
            # groups: one path segment, several, optional, a custom expression
            https://example.com/books/:id+        | https://example.com/books/1/2                 | true
            https://example.com/books/:id?        | https://example.com/books                     | true
            https://example.com/books/:id(\\d+)   | https://example.com/books/12                  | true
            https://example.com/books/:id(\\d+)   | https://example.com/books/twelve              | false
            https://*.example.com/*               | https://eu.example.com/x                      | true
            https://*.example.com/*               | https://example.com/x                         | false
            """)
    void matchesTheTopicsItsComponentsAllMatch(String pattern, String topic, boolean expected) {
        assertThat(UrlPattern.compile(pattern, HUB).matches(topic))
                .as("%s %s %s", pattern, expected ? "matches" : "does not match", topic)
                .isEqualTo(expected);
    }

    @Test
    void relativePatternResolvesAgainstTheHubUrl() {
        UrlPattern pattern = UrlPattern.compile("/.well-known/mercure/subscriptions/exact/:topic/:subscriber", HUB);

        assertThat(pattern.matches("https://hub.example.com/.well-known/mercure/subscriptions/exact/a/b"))
                .as("a relative pattern takes the hub's protocol, host and port").isTrue();
        assertThat(pattern.matches("https://other.example.com/.well-known/mercure/subscriptions/exact/a/b"))
                .as("a relative pattern does not match another host").isFalse();
    }

    @Test
    void relativeTopicResolvesAgainstTheHubUrl() {
        UrlPattern pattern = UrlPattern.compile("https://hub.example.com/.well-known/mercure/subscriptions/*", HUB);

        assertThat(pattern.matches("/.well-known/mercure/subscriptions/exact/a/b"))
                .as("the hub's own relative topics (subscription events) resolve against its URL").isTrue();
    }

    /** Found by {@code UrlPatternFuzzTest}: the pattern's host was lower-cased, the topic's kept as written. */
    @Test
    void nonSpecialUrlsHostIsComparedAsWrittenOnBothSides() {
        UrlPattern pattern = UrlPattern.compile("vhttps://Example.COM/:id", HUB);

        assertThat(pattern.matches("vhttps://Example.COM/1"))
                .as("a non-special URL's host is opaque: the pattern keeps its case as the URL parser does").isTrue();
        assertThat(pattern.matches("vhttps://example.com/1")).as("and an opaque host is compared exactly").isFalse();
        assertThat(UrlPattern.compile("https://Example.COM/:id", HUB).matches("https://example.com/1"))
                .as("a special URL's host is still lower-cased on both sides").isTrue();
    }

    /** Found by {@code UrlPatternFuzzTest}: the pattern's search encoded {@code '} as a special URL's does. */
    @Test
    void nonSpecialUrlsSearchKeepsItsApostropheOnBothSides() {
        assertThat(UrlPattern.compile("vhttps://example.com/a?q='x'", HUB).matches("vhttps://example.com/a?q='x'"))
                .as("only special URLs percent-encode ' in the query").isTrue();
        assertThat(UrlPattern.compile("https://example.com/a?q='x'", HUB).matches("https://example.com/a?q='x'"))
                .as("a special URL's query has it encoded on both sides").isTrue();
    }

    @Test
    void topicThatIsNotAUrlDoesNotMatch() {
        UrlPattern everything = UrlPattern.compile("*://*:*/*", HUB);

        assertThat(everything.matches("https://exa mple.com/")).as("a host with a space is no URL").isFalse();
        assertThat(everything.matches("http://[::1/")).as("an unclosed IPv6 host is no URL").isFalse();
        assertThat(everything.matches("https://example.com/")).as("a URL on the default port matches").isTrue();
    }

    @Test
    void relativePatternWithoutBaseIsRefused() {
        assertThatThrownBy(() -> UrlPattern.compile("/books/:id", null))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("relative URL pattern \"/books/:id\" needs a base URL");
    }

    @Test
    void malformedPatternIsRefusedWithTheReason() {
        assertThatThrownBy(() -> UrlPattern.compile("https://example.com/books/:id(\\d+", HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("invalid URL pattern: a regular expression group is not closed (at character 11 of \"/books/:id(\\d+\")");
    }

    @Test
    void duplicateGroupNameIsRefused() {
        assertThatThrownBy(() -> UrlPattern.compile("https://example.com/:id/:id", HUB))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessage("invalid URL pattern: the group name 'id' is used twice");
    }
}
