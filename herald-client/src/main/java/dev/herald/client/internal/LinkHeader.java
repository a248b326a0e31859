package dev.herald.client.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads RFC 8288 {@code Link} header values: {@code <uri>; rel="mercure", <uri>; rel=self}. Several
 * links may share one header value (comma-separated) or come in several headers; a URI may itself
 * contain commas and semicolons, so the parser walks the text instead of splitting it. Relative
 * targets are resolved against the resource's URI; relation types compare case-insensitively and a
 * {@code rel} may list several, space-separated. A malformed link is skipped, never guessed at.
 */
public final class LinkHeader {

    /**
     * One link: its target, relation types (lower case) and its Mercure target attributes
     * ({@code last-event-id}, {@code type}, {@code content-type}), when given.
     */
    public record Link(URI target, Set<String> relations, Map<String, String> attributes) {
        /** The target attributes discovery reads (draft-08 "Hub Discovery"; {@code key-set} was dropped). */
        static final List<String> MERCURE_ATTRIBUTES = List.of("last-event-id", "type", "content-type");

        public Link {
            attributes = Map.copyOf(attributes);
        }

        public boolean is(String relation) {
            return relations.contains(relation.toLowerCase(Locale.ROOT));
        }

        public Optional<String> attribute(String name) {
            return Optional.ofNullable(attributes.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private LinkHeader() {
    }

    /** Every well-formed link of the header values, in order. */
    public static List<Link> parse(URI base, List<String> headerValues) {
        List<Link> links = new ArrayList<>();
        for (String value : headerValues) {
            parseValue(base, value, links);
        }
        return links;
    }

    private static void parseValue(URI base, String value, List<Link> links) {
        int i = 0;
        while (i < value.length()) {
            int open = value.indexOf('<', i);
            if (open < 0) {
                return;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                return;
            }
            String target = value.substring(open + 1, close).strip();
            int end = endOfParameters(value, close + 1);
            String parameters = value.substring(close + 1, end);
            i = end + 1;
            String rel = parameter(parameters, "rel");
            if (rel == null) {
                continue;
            }
            try {
                Set<String> relations = Arrays.stream(rel.toLowerCase(Locale.ROOT).split("\\s+"))
                        .filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
                Map<String, String> attributes = new HashMap<>();
                for (String name : Link.MERCURE_ATTRIBUTES) {
                    String attribute = parameter(parameters, name);
                    if (attribute != null) {
                        attributes.put(name, attribute);
                    }
                }
                links.add(new Link(base.resolve(target), relations, attributes));
            } catch (IllegalArgumentException e) {
                // not a URI: skipped, as a malformed link
            }
        }
    }

    /** The index of the comma ending this link's parameters (outside quotes), or the value's end. */
    private static int endOfParameters(String value, int from) {
        boolean quoted = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return value.length();
    }

    /** The value of {@code ;name=value} or {@code ;name="value"}; the first one counts (RFC 8288 §3.3). */
    private static String parameter(String parameters, String name) {
        for (String parameter : splitOutsideQuotes(parameters)) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                continue;
            }
            if (!parameter.substring(0, equals).strip().equalsIgnoreCase(name)) {
                continue;
            }
            String value = parameter.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            return value;
        }
        return null;
    }

    private static List<String> splitOutsideQuotes(String parameters) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < parameters.length(); i++) {
            char c = parameters.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                parts.add(parameters.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(parameters.substring(start));
        return parts;
    }
}
