package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which topics a URI template selector matches: those some assignment of its variables expands to
 * (RFC 6570, levels 1 to 4), its own text, and nothing else. Rows mostly use the RFC's own examples
 * (section 3.2, variables {@code var := "value"}, {@code hello := "Hello World!"},
 * {@code list := ["red","green","blue"]}, {@code keys := [("semi",";"),("dot","."),("comma",",")]},
 * {@code x := "1024"}, {@code y := "768"}, {@code empty := ""}, {@code path := "/foo/bar"}).
 */
class TemplateMatchingTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '"', textBlock = """
            # --- Mercure's examples ------------------------------------------------------------------
            https://example.com/books/{id}                 | https://example.com/books/1                 | true
            https://example.com/books/{id}                 | https://example.com/books/2                 | true
            https://example.com/books/{id}                 | https://example.com/books/1/reviews         | false
            https://example.com/books/{id}                 | https://example.com/authors/1               | false
            https://example.com/books/{id}                 | https://example.com/books/1?page=2          | false
            https://example.com/books/{id}                 | https://example.com/books/1#top             | false
            https://example.com/books/{id}                 | https://example.com/books/a%2Fb             | true
            # id undefined or empty expands to nothing
            https://example.com/books/{id}                 | https://example.com/books/                  | true
            https://example.com/books/{id}/reviews         | https://example.com/books/1/reviews         | true
            /.well-known/mercure/subscriptions/{topic}/{subscriber} | /.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2Fbooks%2F1/urn%3Auuid%3A1e2a | true
            /.well-known/mercure/subscriptions/{topic}/{subscriber} | /.well-known/mercure/subscriptions/https://example.com/books/1/urn:uuid:1e2a | false
            /.well-known/mercure/subscriptions{/topic,subscriber}   | /.well-known/mercure/subscriptions/a%2Fb/c  | true
            /.well-known/mercure/subscriptions{/topic,subscriber}   | /.well-known/mercure/subscriptions          | true
            # a template matches its own text, as any selector does
            https://example.com/books/{id}                 | https://example.com/books/{id}              | true

            # --- Level 1, {var}: unreserved characters and pct-encoded triplets only -----------------
            {var}                    | value                        | true
            {hello}                  | Hello%20World%21             | true
            {hello}                  | Hello World!                 | false
            {var}                    | -._~                         | true
            {var}                    | a/b                          | false
            {var}                    | a?b                          | false
            {var}                    | a#b                          | false
            {var}                    | a=b                          | false
            # a list joins its members with ','
            {var}                    | a,b                          | true
            {var}                    | a%2fb                        | true
            {var}                    | %C3%A9                       | true
            {var}                    | é                            | false
            {var}                    | 100%                         | false
            {var}                    | %zz                          | false
            {a}0                     | x%200                        | true
            {a}0                     | x%20                         | false

            # --- Level 2, {+var}: reserved characters too --------------------------------------------
            {+var}                   | value                        | true
            {+hello}                 | Hello%20World!               | true
            {+hello}                 | Hello World!                 | false
            {+path}/here             | /foo/bar/here                | true
            here?ref={+path}         | here?ref=/foo/bar            | true
            {+base}index             | http://example.com/home/index | true
            {+half}                  | 50%25                        | true
            {+var}                   | a<b                          | false
            {+x,hello,y}             | 1024,Hello%20World!,768      | true
            {+path:6}/here           | /foo/b/here                  | true
            {+path:6}/here           | /foo/ba/here                 | false

            # --- Level 2, {#var}: fragment -----------------------------------------------------------
            X{#var}                  | X#value                      | true
            X{#hello}                | X#Hello%20World!             | true
            X{#var}                  | X                            | true
            X{#var}                  | X#                           | true
            X{#var}                  | Xvalue                       | false
            X{#var}                  | X#a b                        | false
            {#x,hello,y}             | #1024,Hello%20World!,768     | true
            {#path:6}/here           | #/foo/b/here                 | true

            # --- Level 3, {.var}: labels -------------------------------------------------------------
            X{.var}                  | X.value                      | true
            X{.x,y}                  | X.1024.768                   | true
            X{.var}                  | X/value                      | false
            X{.var:3}                | X.val                        | true
            X{.var:3}                | X.valu                       | false
            X{.list}                 | X.red,green,blue             | true
            X{.list*}                | X.red.green.blue             | true
            X{.list*}                | X.a,b                        | false
            X{.keys*}                | X.semi=%3B.dot=..comma=%2C   | true
            X{.keys*}                | X.a=b=c                      | false
            www{.dom*}               | www.example.com              | true

            # --- Level 3, {/var}: path segments ------------------------------------------------------
            {/var}                   | /value                       | true
            {/var}                   | value                        | false
            {/var}                   | /a/b                         | false
            {/var,x}/here            | /value/1024/here             | true
            {/var:1,var}             | /v/value                     | true
            {/list}                  | /red,green,blue              | true
            {/list*}                 | /red/green/blue              | true
            {/list*}                 | /a=b/c                       | false
            {/list*,path:4}          | /red/green/blue/%2Ffoo       | true
            {/keys}                  | /semi,%3B,dot,.,comma,%2C    | true
            {/keys*}                 | /semi=%3B/dot=./comma=%2C    | true
            https://example.com{/path*} | https://example.com/a/b/c | true
            https://example.com{/path*} | https://example.com       | true
            https://example.com{/path*} | https://example.com/a?b   | false

            # --- Level 3, {;var}: path parameters, a bare name for an empty value --------------------
            {;x,y}                   | ;x=1024;y=768                | true
            {;x,y,empty}             | ;x=1024;y=768;empty          | true
            {;x,y}                   | ;y=768                       | true
            {;x,y}                   | ;y=768;x=1024                | false
            {;x,y}                   | ;z=1                         | false
            {;hello:5}               | ;hello=Hello                 | true
            {;hello:5}               | ;hello=Hello%20              | false
            {;list}                  | ;list=red,green,blue         | true
            {;list*}                 | ;list=red;list=green;list=blue | true
            {;keys}                  | ;keys=semi,%3B,dot,.,comma,%2C | true
            {;keys*}                 | ;semi=%3B;dot=.;comma=%2C    | true

            # --- Level 3, {?var} and {&var}: form-style query, "name=" for an empty value -------------
            {?x,y}                   | ?x=1024&y=768                | true
            {?x,y,empty}             | ?x=1024&y=768&empty=         | true
            {?x,y}                   | ?y=768                       | true
            {?x,y}                   | ?y=768&x=1024                | false
            {?x,y}                   | &y=768                       | false
            {?x,y}                   | ?x=1024?y=768                | false
            {?x}                     | ?x                           | false
            {?x}                     | ?x=a/b                       | false
            {?x}                     | ?x=a%2Fb                     | true
            https://e.com/q{?x,y}    | https://e.com/q              | true
            https://e.com/q{?x,y}    | https://e.com/q?             | false
            {?var:3}                 | ?var=val                     | true
            {?var:3}                 | ?var=valu                    | false
            {?list}                  | ?list=red,green,blue         | true
            {?list*}                 | ?list=red&list=green&list=blue | true
            {?keys}                  | ?keys=semi,%3B,dot,.,comma,%2C | true
            {?keys*}                 | ?semi=%3B&dot=.&comma=%2C    | true
            {?q*}                    | ?anything=1&other=2          | true
            {?q*}                    | ?a                           | false
            ?fixed=yes{&x}           | ?fixed=yes&x=1024            | true
            ?fixed=yes{&x}           | ?fixed=yes                   | true
            ?fixed=yes{&x}           | ?fixed=yes?x=1024            | false
            {&x,y,empty}             | &x=1024&y=768&empty=         | true
            {&var:3}                 | &var=val                     | true
            {&list*}                 | &list=red&list=green&list=blue | true
            {&keys*}                 | &semi=%3B&dot=.&comma=%2C    | true

            # --- Level 4 modifiers: prefix counts characters, explode spreads lists and maps ---------
            {var:3}                  | val                          | true
            {var:3}                  | valu                         | false
            {var:30}                 | value                        | true
            {var:1}                  | %C3%A9                       | true
            {var:1}                  | %C3%A9%C3%A9                 | false
            {var:2}                  | a%20                         | true
            {x:2,y:2}                | ab,cd                        | true
            {x:2,y:2}                | ab,cde                       | false
            {list*}                  | red,green,blue               | true
            {keys*}                  | semi=%3B,dot=.,comma=%2C     | true
            {keys*}                  | a,b=c                        | false
            {var.name}               | value                        | true

            # --- Several variables, any of them undefined --------------------------------------------
            {x,y}                    | 1024,768                     | true
            {x,hello,y}              | 1024,Hello%20World%21,768    | true
            map?{x,y}                | map?1024,768                 | true
            X{var}Y                  | XY                           | true
            O{empty}X                | OX                           | true
            {x}{y}                   | ab                           | true
            {/a,b,c}                 | /1/3                         | true
            {?a,b,c}                 | ?a=1&c=3                     | true
            {?a,b,c}                 | ?c=3                         | true
            {?a,b,c}                 | ?b=2&a=1                     | false
            {x,y:3}                  | 1024,768                     | true

            # --- Literals are matched as written -----------------------------------------------------
            https://example.com/café/{id}   | https://example.com/café/1   | true
            https://example.com/café/{id}   | https://example.com/caf%C3%A9/1 | false
            https://example.com/%7Ebob/{id} | https://example.com/%7Ebob/1 | true

            # --- Invalid templates match by equality only --------------------------------------------
            https://example.com/{id     | https://example.com/{id     | true
            https://example.com/{id     | https://example.com/1       | false
            https://example.com/id}/{x} | https://example.com/id}/{x} | true
            https://example.com/id}/{x} | https://example.com/id}/1   | false
            https://example.com/{}      | https://example.com/{}      | true
            https://example.com/{}      | https://example.com/        | false
            {a{b}}                      | {a{b}}                      | true
            {a{b}}                      | x                           | false
            {=var}                      | {=var}                      | true
            {=var}                      | value                       | false
            {,var}                      | value                       | false
            {!var}                      | value                       | false
            {@var}                      | value                       | false
            {|var}                      | value                       | false
            {var:0}                     | {var:0}                     | true
            {var:0}                     | v                           | false
            {var:10000}                 | v                           | false
            {var:abc}                   | v                           | false
            {var:3*}                    | v                           | false
            {var-name}                  | v                           | false
            {.var.}                     | .v                          | false
            {a,}                        | a                           | false
            {a b}                       | a                           | false
            https://example.com/a b/{id} | https://example.com/a b/{id} | true
            https://example.com/a b/{id} | https://example.com/a b/1   | false
            https://example.com/%zz/{id} | https://example.com/%zz/1   | false
            """)
    void matchesTheTopicsTheTemplateExpandsTo(String template, String topic, boolean expected) {
        assertThat(TopicSelector.parse(template).matches(topic))
                .as("'%s' should %smatch '%s'", template, expected ? "" : "not ", topic)
                .isEqualTo(expected);
    }
}
