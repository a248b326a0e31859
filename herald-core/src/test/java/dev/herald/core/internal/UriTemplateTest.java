package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.internal.UriTemplate.Expression;
import dev.herald.core.internal.UriTemplate.Literal;
import dev.herald.core.internal.UriTemplate.VarSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 6570 section 2 grammar: what is a template, and how it splits into parts. */
class UriTemplateTest {

    @Test
    void splitsLiteralsAndExpressions() {
        UriTemplate template = UriTemplate.parse("https://example.com/books/{id}/reviews{?page,per_page:3}").orElseThrow();

        assertThat(template.parts()).containsExactly(
                new Literal("https://example.com/books/"),
                new Expression(TemplateOperator.SIMPLE, List.of(new VarSpec("id", 0, false))),
                new Literal("/reviews"),
                new Expression(TemplateOperator.QUERY,
                        List.of(new VarSpec("page", 0, false), new VarSpec("per_page", 3, false))));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", textBlock = """
            {var}   | SIMPLE
            {+var}  | RESERVED
            {#var}  | FRAGMENT
            {.var}  | LABEL
            {/var}  | PATH_SEGMENT
            {;var}  | PATH_PARAMETER
            {?var}  | QUERY
            {&var}  | QUERY_CONTINUATION
            """)
    void readsEachOperator(String text, TemplateOperator operator) {
        assertThat(UriTemplate.parse(text).orElseThrow().parts())
                .containsExactly(new Expression(operator, List.of(new VarSpec("var", 0, false))));
    }

    @Test
    void readsModifiersAndDottedOrEncodedNames() {
        assertThat(UriTemplate.parse("{list*,var:9999,a.b,%C3%A9}").orElseThrow().parts())
                .containsExactly(new Expression(TemplateOperator.SIMPLE, List.of(
                        new VarSpec("list", 0, true),
                        new VarSpec("var", 9999, false),
                        new VarSpec("a.b", 0, false),
                        new VarSpec("%C3%A9", 0, false))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.com/books/1", // no expression: not a template, an exact topic
        "{", "}", "{}", "{{x}}", "{x", "x}", "{x}}",
        "{=x}", "{,x}", "{!x}", "{@x}", "{|x}", "{+}",
        "{x,}", "{,}", "{ x}", "{x-y}", "{.x}.}", "{x..y}", "{.x.}", "{%zz}",
        "{x:0}", "{x:01}", "{x:10000}", "{x:}", "{x:1*}", "{x**}", "{*}",
        "a b{x}", "a\"b{x}", "a'b{x}", "a<b{x}", "a\\b{x}", "a^b{x}", "a`b{x}", "a|b{x}", "%{x}", "%4{x}",
    })
    void rejectsTextsOutsideTheGrammar(String text) {
        assertThat(UriTemplate.parse(text)).as("'%s' is not a valid template with an expression", text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{x:1}", "{x:9999}", "café/{x}", "%7E{x}", "!#$&()*+,;=:/?@[]~{x}", "{x}{y}"})
    void acceptsTextsInsideTheGrammar(String text) {
        assertThat(UriTemplate.parse(text)).as("'%s' is a valid template", text).isPresent();
    }
}
