package dev.herald.core.urlpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The URL standard's path segments: what a finished segment does to the path (single-dot segments
 * vanish, double-dot ones remove the last segment, {@code %2e} counting as a dot), and the path state
 * run on its own, as the URL Pattern standard's pathname canonicalization runs it.
 */
final class PathSegments {

    private PathSegments() {}

    /** Adds a finished segment to the path; {@code slashFollows} says whether a '/' (or '\') ended it. */
    static void append(List<String> path, String segment, boolean slashFollows) {
        if (isDoubleDot(segment)) {
            shorten(path);
            if (!slashFollows) {
                path.add("");
            }
        } else if (isSingleDot(segment)) {
            if (!slashFollows) {
                path.add("");
            }
        } else {
            path.add(segment);
        }
    }

    static void shorten(List<String> path) {
        if (!path.isEmpty()) {
            path.remove(path.size() - 1);
        }
    }

    /**
     * The path start and path states with a state override, on a special URL with an empty path: the
     * whole value is path ('?' and '#' are percent-encoded, not delimiters; '\' separates like '/').
     */
    static String canonicalPath(String value) {
        int[] input = value.codePoints().toArray();
        List<String> path = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        int i = input.length > 0 && (input[0] == '/' || input[0] == '\\') ? 1 : 0;
        for (; ; i++) {
            int c = i < input.length ? input[i] : -1;
            boolean slash = c == '/' || c == '\\';
            if (c != -1 && !slash) {
                PercentEncoding.PATH.append(buffer, c);
                continue;
            }
            append(path, buffer.toString(), slash);
            buffer.setLength(0);
            if (c == -1) {
                break;
            }
        }
        StringBuilder out = new StringBuilder();
        path.forEach(segment -> out.append('/').append(segment));
        return out.toString();
    }

    private static boolean isSingleDot(String segment) {
        return segment.equals(".") || segment.equalsIgnoreCase("%2e");
    }

    private static boolean isDoubleDot(String segment) {
        return switch (WhatwgUrl.lower(segment)) {
            case "..", ".%2e", "%2e.", "%2e%2e" -> true;
            default -> false;
        };
    }
}
