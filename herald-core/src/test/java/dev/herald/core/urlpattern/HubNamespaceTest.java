package dev.herald.core.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Draft-08, "Publication": a topic must not address the reserved hub namespace, however it is spelt. */
class HubNamespaceTest {

    private final HubNamespace namespace = new HubNamespace("https://hub.example.com/.well-known/mercure");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/.well-known/mercure",
        "/.well-known/mercure/subscriptions/exact/a/b",
        "https://hub.example.com/.well-known/mercure/subscriptions/exact/a/b",
        "https://another.host/.well-known/mercure/subscriptions",
        "http://another.host:8080/.well-known/mercure",
        "/.well-known/%6Dercure/subscriptions",
        "/.well-known/%6dercure",
        "/x/../.well-known/mercure/subscriptions",
        "/x/%2e%2E/.well-known/mercure/subscriptions",
        "/./.well-known/mercure",
        "https:\\\\another.host\\.well-known\\mercure\\subscriptions",
        "../../.well-known/mercure/a",
        "/.well-known/mercure?query",
        "/.well-known/mercure#fragment",
    })
    void aTopicResolvingUnderTheHubsPathAddressesTheNamespace(String topic) {
        assertThat(namespace.contains(topic)).as("%s is in the hub's namespace", topic).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://example.com/books/1",
        "/.well-known/mercurex",
        "/.well-known/mercure-other/a",
        "/.WELL-KNOWN/mercure/a",
        "/.well-known/%2Fmercure",
        "/.well-known/mercure%2Fsubscriptions",
        "urn:isbn:/.well-known/mercure",
        "books/1",
        "https://example.com/a/.well-known/mercure",
    })
    void aTopicElsewhereDoesNot(String topic) {
        assertThat(namespace.contains(topic)).as("%s is not in the hub's namespace", topic).isFalse();
    }

    @Test
    void theHubsPathIsTheComparedOne() {
        assertThat(namespace.path()).isEqualTo("/.well-known/mercure");
    }

    @Test
    void aHubUrlThatIsNotAnAbsoluteUrlIsRefused() {
        assertThatThrownBy(() -> new HubNamespace("not a url")).isInstanceOf(IllegalArgumentException.class);
    }
}
