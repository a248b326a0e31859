package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cursor's headers on their own: exact values for the ids a publisher may choose. */
class CursorHeadersTest {

    private static final String HUB = "https://example.com/.well-known/mercure";

    @Test
    void aGeneratedIdGoesOutAsItIs() {
        String id = "urn:uuid:5e94c686-2c0b-4f9b-958c-92ccc3bbb4eb";

        assertThat(CursorHeaders.link(HUB, id)).isEqualTo("<https://example.com/.well-known/mercure>; rel=\"mercure\"; "
                + "last-event-id=\"urn:uuid:5e94c686-2c0b-4f9b-958c-92ccc3bbb4eb\"; type=\"mercure\"; content-type=\"application/json\"");
        assertThat(CursorHeaders.etag(id)).isEqualTo("\"urn:uuid:5e94c686-2c0b-4f9b-958c-92ccc3bbb4eb\"");
    }

    @Test
    void quotesAndBackslashesAreEscapedInTheLinkSoTheyAddNoAttribute() {
        assertThat(CursorHeaders.link(HUB, "x\"; rel=\"evil\\"))
                .contains("; last-event-id=\"x\\\"; rel=\\\"evil\\\\\"; type=\"mercure\";");
    }

    @Test
    void aNonAsciiIdGoesOutAsItsUtf8BytesInTheLinkAndPercentEncodedInTheEtag() {
        String latin1View = new String("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(CursorHeaders.link(HUB, "é")).contains("last-event-id=\"" + latin1View + "\"");
        assertThat(CursorHeaders.etag("é")).isEqualTo("\"%C3%A9\"");
    }

    @Test
    void distinctCursorsKeepDistinctEntityTags() {
        assertThat(CursorHeaders.etag("a b")).isEqualTo("\"a%20b\"");
        assertThat(CursorHeaders.etag("a%20b")).as("the escape character is escaped too").isEqualTo("\"a%2520b\"");
    }
}
