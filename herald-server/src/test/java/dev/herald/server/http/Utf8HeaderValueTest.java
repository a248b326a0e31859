package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Publisher-chosen ids in headers: UTF-8 on the wire, one char per byte in Netty. */
class Utf8HeaderValueTest {

    /** What Netty hands over for these UTF-8 bytes on the wire: one char per byte. */
    private static String asNettyReadsIt(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8BytesAreReadAsTheTextTheyEncode() {
        assertThat(Utf8HeaderValue.read(asNettyReadsIt("größe-1 日本"))).isEqualTo("größe-1 日本");
    }

    @Test
    void asciiIsReadAsItIs() {
        String id = "urn:uuid:01a23dc2-3528-7000-8000-000000000001";

        assertThat(Utf8HeaderValue.read(id)).isSameAs(id);
    }

    @Test
    void bytesThatAreNotUtf8AreKeptAsReceived() {
        String latin1 = "caf\u00e9"; // the single byte 0xE9: not UTF-8

        assertThat(Utf8HeaderValue.read(latin1)).isEqualTo(latin1);
    }

    @Test
    void charsThatNoWireByteGivesAreKeptAsTheyAre() {
        assertThat(Utf8HeaderValue.read("a\uffffb")).isEqualTo("a\uffffb");
    }

    @Test
    void writingGivesTheUtf8BytesAndReadingThemBackGivesTheText() {
        assertThat(Utf8HeaderValue.write("größe")).isEqualTo(asNettyReadsIt("größe"));
        assertThat(Utf8HeaderValue.read(Utf8HeaderValue.write("größe"))).isEqualTo("größe");
        assertThat(Utf8HeaderValue.write("plain")).isEqualTo("plain");
    }
}
