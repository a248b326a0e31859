package dev.herald.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateRecordTest {

    @TempDir
    Path directory;

    static Stream<Update> updates() {
        return Stream.of(
                new Update("id-1", List.of("https://example.com/books/1"), "plain", false, null, null),
                new Update("urn:uuid:1", List.of("https://example.com/a", "urn:alt:b"), "two\nlines\r\nand\rmore",
                        true, "book.updated", 2_500L),
                new Update("é 😀", List.of("https://example.com/é"), "données 😀 \0 nul", false, "ünïcode", 0L),
                new Update("x", List.of("t"), "", true, null, Update.MAX_RETRY_MILLIS),
                new Update("12 34 ", List.of("5 6", "7:8", "https://example.com/12:3"), "9 10 ", false, "1 2", null),
                new Update("mixed", List.of("https://example.com/a", "https://example.com/é"), "d", false, null, null));
    }

    @ParameterizedTest
    @MethodSource("updates")
    void decodesWhatItEncoded(Update update) {
        StoredUpdate stored = new StoredUpdate(new Position(42), update);

        assertThat(UpdateRecord.decode(UpdateRecord.encode(stored))).isEqualTo(stored);
    }

    @Test
    void headerIsReadableText() {
        Update update = new Update("id-1", List.of("a/b"), "hi", true, "kind", 3_000L);

        assertThat(new String(UpdateRecord.encode(new StoredUpdate(new Position(9), update)), StandardCharsets.UTF_8))
                .isEqualTo("9 7 4 5 2 4 3000 id-13:a/bhikind");
    }

    @Test
    void recordsBackToBackAreReadInOrder() {
        List<StoredUpdate> stored = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream concatenated = new java.io.ByteArrayOutputStream();
        long position = 1;
        for (Update update : updates().toList()) {
            StoredUpdate next = new StoredUpdate(new Position(position++), update);
            stored.add(next);
            concatenated.writeBytes(UpdateRecord.encode(next));
        }
        UpdateRecord.Records records = new UpdateRecord.Records(concatenated.toByteArray());
        List<StoredUpdate> read = new java.util.ArrayList<>();
        while (records.hasNext()) {
            read.add(records.next());
        }

        assertThat(read).isEqualTo(stored);
    }

    /** Migrations write records in SQL: they must be the very bytes the Java encoder writes. */
    @ParameterizedTest
    @MethodSource("updates")
    void sqlWritesTheSameBytesAsJava(Update update) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("r.db"));
                PreparedStatement select = connection.prepareStatement("SELECT " + Sql.RECORD_FROM_COLUMNS
                        + " FROM (SELECT 42 AS position, ? AS private, ? AS type, ? AS retry, ? AS id, ? AS topics, ? AS data)")) {
            select.setInt(1, update.privateUpdate() ? 1 : 0);
            select.setString(2, update.type());
            select.setObject(3, update.retry());
            select.setString(4, update.id());
            select.setString(5, TopicsCodec.encode(update.topics()));
            select.setString(6, update.data());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertThat(row.getBytes(1)).isEqualTo(UpdateRecord.encode(new StoredUpdate(new Position(42), update)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "5", "x 0 1 1 1 it1:td", "5 0", "5 0 ", "5 0 2 3 1 ", "5 0 2 3 1 idx", "5 0 2 5 1 id3:abcdx",
        "5 0 2 5 1 id3:abcd+", "5 0 2 4 0 id3:ab", "5 0 1 4 1 ix:abd", "5 0 1 2 1 i:ad",
        "5 0 1 13 1 i1234567890:ad", "5 0 1 0 1 ix", "5 a 1 1 1 i1:tx", "5 2 1 3 1 i1:td",
        "5 0 99999999999999999999 1 1 x", "5 0 4294967297 1 1 x", "5 0 -1 3 1 i1:td"})
    void corruptRecordIsRefused(String record) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UpdateRecord.decode(record.getBytes(StandardCharsets.UTF_8)));
    }
}
