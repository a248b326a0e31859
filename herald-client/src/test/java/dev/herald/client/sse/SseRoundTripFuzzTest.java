package dev.herald.client.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.InvalidUpdateException;
import dev.herald.core.LastEventId;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Whatever a publisher sends, the event Herald writes parses back, with the project's own WHATWG
 * parser, to exactly one event with the update's id, type and data: no publisher can end an event
 * early, add a field or forge a second event. Fuzzed by Jazzer (see docs/reliability.md).
 */
class SseRoundTripFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anEncodedUpdateParsesBackToExactlyTheSameEvent(FuzzedDataProvider input) {
        String id = input.consumeString(64);
        String type = input.consumeBoolean() ? input.consumeString(32) : null;
        Long retry = input.consumeBoolean() ? input.consumeLong(0, Long.MAX_VALUE) : null;
        // What reaches an update from HTTP was decoded from UTF-8: no unpaired surrogate survives that.
        String data = viaUtf8(input.consumeRemainingAsString());
        Update update;
        try {
            update = new Update(id, List.of("https://example.com/t"), data, false, type, retry);
        } catch (InvalidUpdateException refused) {
            assertThat(refusableId(id) || type != null && refusableText(type)
                    || retry != null && retry > Update.MAX_RETRY_MILLIS)
                    .as("an update is refused only for a reserved id, an empty id or type or one with CR, LF or NUL, or a retry over 18 digits: %s",
                            refused)
                    .isTrue();
            return;
        }
        String wire = new String(SseEncoder.encode(new StoredUpdate(new Position(1), update)), StandardCharsets.UTF_8);

        List<SseEvent> events = new ArrayList<>();
        List<Long> retries = new ArrayList<>();
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent event) {
                events.add(event);
            }

            @Override
            public void onRetry(long millis) {
                retries.add(millis);
            }
        });
        assertThat(wire).as("the encoder ends lines with LF only").doesNotContain("\r").endsWith("\n\n");
        String[] lines = wire.substring(0, wire.length() - 1).split("\n", -1);
        for (String line : lines) {
            parser.line(line);
        }

        assertThat(events).as("exactly one event").hasSize(1);
        SseEvent event = events.get(0);
        assertThat(event.lastEventId()).isEqualTo(viaUtf8(id));
        assertThat(event.type()).isEqualTo(type == null ? SseEvent.DEFAULT_TYPE : viaUtf8(type));
        assertThat(event.data()).as("data with its line breaks as LF").isEqualTo(data.replace("\r\n", "\n").replace('\r', '\n'));
        assertThat(retries).isEqualTo(retry == null ? List.of() : List.of(retry));
    }

    /** Update's rules for an id: those of any text field, and neither a fragment nor the reserved cursor. */
    private static boolean refusableId(String id) {
        return refusableText(id) || id.startsWith("#") || LastEventId.EARLIEST.equals(id);
    }

    private static boolean refusableText(String field) {
        return field.isEmpty() || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\0') >= 0;
    }

    private static String viaUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
