package dev.herald.core.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import com.nimbusds.jose.util.JSONArrayUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of web-platform-tests' {@code urlpatterntestdata.json} (see the licence note beside it),
 * run through {@link UrlPattern} the way WPT's harness runs it through a browser's {@code URLPattern}
 * (patterns and inputs in the dictionary form through the standard's URLPatternInit processing, which
 * exercises every component's parser, canonicalization and matching the same way):
 * construction succeeds or throws ({@code expected_obj: "error"}), and each input's {@code exec} result
 * (component inputs and groups) equals {@code expected_match}. A case Herald cannot express is reported
 * skipped with its reason ({@link Skip}); {@code docs/mercure.md} lists the reasons and counts.
 *
 * <p>Not checked: {@code expected_obj}'s component pattern strings (the standard's "generate a pattern
 * string"), which Herald neither needs nor exposes.
 */
class UrlPatternWptTest {

    /** Why a case is not run. */
    enum Skip {
        IGNORE_CASE("uses ignoreCase: draft-08 forbids it, Herald has no such option"),
        DICTIONARY_WITH_BASE_ARGUMENT("gives a dictionary and a separate base URL argument (the standard "
                + "throws): an API form Herald does not have"),
        ECMASCRIPT_REGEXP("uses a JavaScript regular expression feature RE2 lacks (the v flag's set operations); "
                + "Herald refuses such a pattern as invalid rather than give it another meaning"),
        EMPTY_OPTIONAL_GROUP("expects an optional group that matched the empty string to be undefined, "
                + "a JavaScript rule (empty-check of quantified groups); RE2 reports \"\". The match itself agrees, "
                + "and Mercure uses only that");

        final String reason;

        Skip(String reason) {
            this.reason = reason;
        }
    }

    /**
     * Cases whose custom groups use JavaScript-only syntax, by their pattern text: Herald refuses them
     * (RE2 syntax error), which {@link #patternsWithJavaScriptOnlyRegexpsAreRefused} checks.
     */
    private static final List<String> JAVASCRIPT_ONLY_REGEXPS = List.of("/([[a-z]--a])", "/([\\d&&[0-1]])");

    private static final List<Object> CASES = load();

    private static List<Object> load() {
        try (InputStream in = UrlPatternWptTest.class.getResourceAsStream("urlpatterntestdata.json")) {
            return JSONArrayUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("the WPT data file is readable JSON", e);
        }
    }

    static Stream<Arguments> cases() {
        return IntStream.range(0, CASES.size()).mapToObj(i -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) CASES.get(i);
            return Arguments.of(i, describe(entry), entry);
        });
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("cases")
    void behavesAsTheStandardSays(int index, String description, Map<String, Object> entry) {
        Skip skip = skipOf(entry);
        if (skip != null) {
            abort("skipped: " + skip.reason);
        }
        List<?> pattern = (List<?>) entry.get("pattern");
        if ("error".equals(entry.get("expected_obj"))) {
            assertThatThrownBy(() -> construct(pattern))
                    .as("the standard says constructing %s throws", pattern)
                    .isInstanceOf(InvalidUrlPatternException.class);
            return;
        }
        UrlPattern compiled = construct(pattern);
        List<?> inputs = (List<?>) entry.get("inputs");
        if (inputs == null) {
            return;
        }
        // No input is the standard's default, an empty dictionary; dictionaries are matched through the
        // standard's URLPatternInit processing (UrlInit), strings (topics) through the URL parser.
        Object input = inputs.isEmpty() ? Map.of() : inputs.get(0);
        Object expected = entry.get("expected_match");
        Map<String, Map.Entry<String, Map<String, String>>> actual;
        if (input instanceof String text) {
            actual = compiled.exec(text, inputs.size() > 1 ? (String) inputs.get(1) : null);
        } else {
            Map<String, String> init = new HashMap<>();
            ((Map<?, ?>) input).forEach((key, value) -> init.put((String) key, (String) value));
            actual = compiled.execInit(init);
        }
        if (expected == null) {
            assertThat(actual).as("the standard says %s does not match %s", input, pattern).isNull();
            return;
        }
        assertThat(actual).as("the standard says %s matches %s", input, pattern).isNotNull();
        assertThat(render(actual)).as("each component's input and groups for %s against %s", input, pattern)
                .isEqualTo(expectedResult(entry));
    }

    @Test
    void mostCasesRun() {
        long run = CASES.stream().filter(entry -> skipOf(asMap(entry)) == null).count();
        assertThat(run).as("the skips are the exception: at least 250 of the %s cases run", CASES.size())
                .isGreaterThanOrEqualTo(250);
    }

    @Test
    void patternsWithJavaScriptOnlyRegexpsAreRefused() {
        for (String pathname : JAVASCRIPT_ONLY_REGEXPS) {
            assertThatThrownBy(() -> UrlPattern.fromInit(Map.of("pathname", pathname)))
                    .as("a custom group RE2 cannot parse (%s) makes the pattern invalid", pathname)
                    .isInstanceOf(InvalidUrlPatternException.class);
        }
    }

    /** Counts per reason, printed for docs/mercure.md. */
    @Test
    void skipsAreOnlyForTheListedReasons() {
        Map<Skip, Integer> counts = new LinkedHashMap<>();
        CASES.forEach(entry -> {
            Skip skip = skipOf(asMap(entry));
            if (skip != null) {
                counts.merge(skip, 1, Integer::sum);
            }
        });
        System.out.println("WPT urlpattern cases: " + CASES.size() + ", skipped: " + counts);
        assertThat(counts.keySet()).as("every skip has a listed reason").isSubsetOf(List.of(Skip.values()));
    }

    private static Skip skipOf(Map<String, Object> entry) {
        List<?> pattern = (List<?>) entry.get("pattern");
        for (Object argument : pattern) {
            if (argument instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("ignoreCase"))) {
                return Skip.IGNORE_CASE;
            }
        }
        if (!pattern.isEmpty() && pattern.get(0) instanceof Map && pattern.size() > 1 && pattern.get(1) instanceof String) {
            return Skip.DICTIONARY_WITH_BASE_ARGUMENT;
        }
        if (!pattern.isEmpty() && pattern.get(0) instanceof Map<?, ?> map
                && JAVASCRIPT_ONLY_REGEXPS.contains(String.valueOf(map.get("pathname")))) {
            return Skip.ECMASCRIPT_REGEXP;
        }
        if (!pattern.isEmpty() && pattern.get(0) instanceof Map<?, ?> map && "*{}**?".equals(map.get("pathname"))) {
            return Skip.EMPTY_OPTIONAL_GROUP;
        }
        List<?> inputs = (List<?>) entry.get("inputs");
        if (inputs != null && inputs.size() > 1 && inputs.get(0) instanceof Map) {
            return Skip.DICTIONARY_WITH_BASE_ARGUMENT;
        }
        return null;
    }

    /** {@code new URLPattern(...pattern)} without options (ignoreCase false is the default). */
    private static UrlPattern construct(List<?> pattern) {
        if (pattern.isEmpty()) {
            return UrlPattern.fromInit(Map.of());
        }
        Object first = pattern.get(0);
        if (first instanceof String text) {
            String base = pattern.size() > 1 && pattern.get(1) instanceof String b ? b : null;
            return UrlPattern.compile(text, base);
        }
        Map<String, String> init = new HashMap<>();
        ((Map<?, ?>) first).forEach((key, value) -> init.put((String) key, (String) value));
        return UrlPattern.fromInit(init);
    }

    /** Components in a fixed order, groups as given (null for undefined). */
    private static Map<String, String> render(Map<String, Map.Entry<String, Map<String, String>>> result) {
        Map<String, String> rendered = new LinkedHashMap<>();
        result.forEach((component, value) -> rendered.put(component, value.getKey() + " " + value.getValue()));
        return rendered;
    }

    /** WPT's harness's expectations: a component not listed has input "" and group 0 "" unless exactly empty. */
    private static Map<String, String> expectedResult(Map<String, Object> entry) {
        Map<String, Object> expected = asMap(entry.get("expected_match"));
        List<?> exactlyEmpty = entry.get("exactly_empty_components") instanceof List<?> list ? list : List.of();
        Map<String, String> rendered = new LinkedHashMap<>();
        for (String component : UrlPattern.COMPONENTS) {
            Map<String, Object> value = asMap(expected.get(component));
            String input = "";
            Map<String, String> groups = new LinkedHashMap<>();
            if (value != null) {
                input = (String) value.get("input");
                asMap(value.get("groups")).forEach((name, group) -> groups.put(name, (String) group));
            } else if (!exactlyEmpty.contains(component)) {
                groups.put("0", "");
            }
            rendered.put(component, input + " " + groups);
        }
        return rendered;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static String describe(Map<String, Object> entry) {
        List<Object> parts = new ArrayList<>();
        parts.add(entry.get("pattern"));
        if (entry.get("inputs") != null) {
            parts.add(entry.get("inputs"));
        }
        return parts.toString();
    }
}
