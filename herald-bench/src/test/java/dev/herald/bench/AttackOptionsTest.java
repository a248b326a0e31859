package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttackOptionsTest {

    private static AttackOptions templates(int streams, int perStream, String format) {
        return new AttackOptions(0, AttackOptions.DEFAULT_NON_READER_QUERY, streams, perStream, format, 3);
    }

    @Test
    void everyTemplateOfEveryStreamIsDistinct() {
        AttackOptions flood = templates(300, 64, AttackOptions.DEFAULT_TEMPLATE_FORMAT);
        Set<String> all = new HashSet<>();
        for (int stream = 0; stream < 300; stream++) {
            all.addAll(flood.templatesOf(stream));
        }

        assertThat(all).as("300 streams of 64 templates name 19,200 distinct templates").hasSize(19_200);
    }

    @Test
    void theDefaultTemplateIsAnRfc6570TemplateWithALiteralPathPerStreamAndIndex() {
        List<String> templates = templates(1, 2, AttackOptions.DEFAULT_TEMPLATE_FORMAT).templatesOf(7);

        assertThat(templates).containsExactly("https://herald.local/flood/s7/t0/{id}", "https://herald.local/flood/s7/t1/{id}");
    }

    @Test
    void refusesAFormatThatWouldRepeatTemplates() {
        assertThatThrownBy(() -> templates(2, 2, "https://herald.local/{id}"))
                .as("a format without the stream and the index gives one template for all")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> templates(2, 2, "https://herald.local/%1$d/{id}"))
                .as("a format without the index repeats within a stream")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spreadsConnectionsRoundRobinOverItsSourceAddresses() {
        AttackOptions attack = templates(1, 1, AttackOptions.DEFAULT_TEMPLATE_FORMAT);

        assertThat(List.of(attack.sourceAddress(0), attack.sourceAddress(1), attack.sourceAddress(2), attack.sourceAddress(3)))
                .containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.1");
    }

    @Test
    void noneOpensNothing() {
        assertThat(AttackOptions.NONE.any()).isFalse();
    }
}
