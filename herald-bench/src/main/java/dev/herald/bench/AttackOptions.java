package dev.herald.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Hostile connections a run opens beside its honest subscribers and publishers (issue 13), all from
 * source addresses of their own ({@code 127.0.1.1} onwards) so that per-address limits see several
 * clients, none of them the honest ones:
 * <ul>
 *   <li>non-readers: subscriptions that send their request (by default {@code lastEventID=earliest},
 *       a replay of the whole history) and then never read, so the hub's writes to them back up;
 *   <li>template streams: subscriptions naming {@code templatesPerStream} distinct URI templates each,
 *       none of which matches what is published, read and discarded.
 * </ul>
 *
 * @param nonReaders how many non-reading subscriptions
 * @param nonReaderQuery what a non-reader adds to its subscription's query, e.g. {@code lastEventID=earliest}
 * @param templateStreams how many template streams
 * @param templatesPerStream distinct templates each template stream names
 * @param templateFormat {@link String#format} of template {@code k} of stream {@code s}, given {@code (s, k)}:
 *     the default gives every template its own literal path; one starting with an expression
 *     ({@code {x}/s%1$d/t%2$d}) tests an index on literal prefixes
 * @param addresses source addresses the attack connections are spread over, round-robin
 */
public record AttackOptions(int nonReaders, String nonReaderQuery, int templateStreams, int templatesPerStream,
        String templateFormat, int addresses) {

    public static final String DEFAULT_NON_READER_QUERY = "lastEventID=earliest";
    /** As in issue 13's figure: 300 streams of 64 distinct templates, 19,200 selectors. */
    public static final int DEFAULT_TEMPLATES_PER_STREAM = 64;
    public static final String DEFAULT_TEMPLATE_FORMAT = "https://herald.local/flood/s%1$d/t%2$d/{id}";
    /** Several clients, as an attacker with a few machines would be; 127.0.1.1-127.0.1.10. */
    public static final int DEFAULT_ADDRESSES = 10;
    /** Addresses 127.0.1.1-127.0.1.254. */
    public static final int MAX_ADDRESSES = 254;
    /** 100,000 attack connections: five times the open files a process may have here. */
    public static final int MAX_CONNECTIONS = 100_000;
    /** How long the run waits for the attack's answers (status lines) before it goes on regardless. */
    public static final Duration SETTLE = Duration.ofSeconds(10);
    /** No attack. */
    public static final AttackOptions NONE =
            new AttackOptions(0, DEFAULT_NON_READER_QUERY, 0, DEFAULT_TEMPLATES_PER_STREAM, DEFAULT_TEMPLATE_FORMAT,
                    DEFAULT_ADDRESSES);

    public AttackOptions {
        Objects.requireNonNull(nonReaderQuery, "nonReaderQuery");
        Objects.requireNonNull(templateFormat, "templateFormat");
        require(nonReaders >= 0 && templateStreams >= 0 && (long) nonReaders + templateStreams <= MAX_CONNECTIONS,
                "the attack connections must be 0 to " + MAX_CONNECTIONS);
        require(templatesPerStream >= 1 && templatesPerStream <= 1000, "templates per stream must be 1 to 1000");
        require(addresses >= 1 && addresses <= MAX_ADDRESSES, "attack addresses must be 1 to " + MAX_ADDRESSES);
        require(nonReaderQuery.chars().allMatch(c -> c > ' ' && c < 127 && c != '#'),
                "the non-reader query must be printable ASCII without spaces");
        require(templateStreams == 0 || distinctTemplates(templateFormat),
                "the template format must give a distinct text for every (stream, template), e.g. "
                        + DEFAULT_TEMPLATE_FORMAT);
    }

    /** Whether any hostile connection is opened. */
    public boolean any() {
        return nonReaders > 0 || templateStreams > 0;
    }

    /** The templates stream {@code stream} names. */
    public List<String> templatesOf(int stream) {
        List<String> templates = new ArrayList<>(templatesPerStream);
        for (int k = 0; k < templatesPerStream; k++) {
            templates.add(String.format(Locale.ROOT, templateFormat, stream, k));
        }
        return templates;
    }

    /** The source address of attack connection {@code index}: 127.0.1.1 onwards, round-robin. */
    public String sourceAddress(int index) {
        return "127.0.1." + (1 + index % addresses);
    }

    private static boolean distinctTemplates(String format) {
        try {
            return !String.format(Locale.ROOT, format, 0, 1).equals(String.format(Locale.ROOT, format, 1, 0))
                    && !String.format(Locale.ROOT, format, 0, 0).equals(String.format(Locale.ROOT, format, 0, 1));
        } catch (IllegalFormatException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
