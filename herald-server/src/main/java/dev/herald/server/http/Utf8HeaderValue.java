package dev.herald.server.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Header values that carry text chosen by publishers: event ids in {@code Last-Event-ID} and
 * {@code Mercure-Last-Event-ID}. A browser sends the last event id "encoded as UTF-8" (WHATWG HTML,
 * server-sent events), and Netty hands header bytes over one char per byte (ISO-8859-1), so the id
 * {@code é} arrives as {@code Ã©}: read literally, a publisher's non-ASCII id would never be found and
 * the client would get the whole history again instead of what it missed. Writing goes the other way:
 * Netty writes each char as one byte, so a non-ASCII id is given as its UTF-8 bytes.
 */
public final class Utf8HeaderValue {

    private Utf8HeaderValue() {
    }

    /**
     * The text a received value stands for: its bytes decoded as UTF-8 when it is one char per byte (as
     * Netty decodes the wire) and those bytes are valid UTF-8; else the value as received, so nothing a
     * client sends is refused here.
     */
    public static String read(String received) {
        boolean ascii = true;
        for (int i = 0; i < received.length(); i++) {
            char c = received.charAt(i);
            if (c > 0xFF) {
                return received; // not bytes from the wire: nothing to decode
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return received; // every id Herald generates: no copy
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(received.getBytes(StandardCharsets.ISO_8859_1)));
            return text.toString();
        } catch (CharacterCodingException notUtf8) {
            return received;
        }
    }

    /** The value to hand Netty so that the wire carries the text's UTF-8 bytes. */
    public static String write(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }
}
