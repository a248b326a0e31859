package dev.herald.store.internal;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stored update as one BLOB, the {@code record} column: everything a replay needs from a row in one
 * value. Each value sqlite-jdbc hands out is a JNI call (about 0.3-0.4 µs), so a replay page reads the
 * records of its rows concatenated by SQLite into one value: about 0.7 µs of CPU a row, against about
 * 1 µs for a position and a record a row and about 2 µs for six columns a row (docs/performance.md).
 * A record says where it ends, so concatenated records need no separator ({@link Records}).
 *
 * <p>The layout is a header of ASCII decimal numbers, each followed by one space, then the texts as
 * UTF-8, back to back:
 * <pre>
 *   position flags idBytes topicsBytes dataBytes [typeBytes] [retry] id topics data [type]
 * </pre>
 * {@code flags} is 1 for a private update, plus 2 when it has a type ({@code typeBytes} and {@code type}
 * are present) and 4 when it has a retry. {@code topics} is {@link TopicsCodec}'s encoding. SQL can
 * write the same bytes from separate columns ({@link Sql#RECORD_FROM_COLUMNS}, for migrations), so the
 * layout stays one a person can read in the sqlite3 shell.
 */
final class UpdateRecord {

    static final int PRIVATE = 1;
    static final int HAS_TYPE = 2;
    static final int HAS_RETRY = 4;

    private UpdateRecord() {
    }

    /** The record of a stored update. */
    static byte[] encode(StoredUpdate stored) {
        Update update = stored.update();
        byte[] id = update.id().getBytes(StandardCharsets.UTF_8);
        byte[] topics = TopicsCodec.encode(update.topics()).getBytes(StandardCharsets.UTF_8);
        byte[] data = update.data().getBytes(StandardCharsets.UTF_8);
        byte[] type = update.type() == null ? null : update.type().getBytes(StandardCharsets.UTF_8);
        int flags = (update.privateUpdate() ? PRIVATE : 0) | (type != null ? HAS_TYPE : 0)
                | (update.retry() != null ? HAS_RETRY : 0);
        StringBuilder header = new StringBuilder(40).append(stored.position().sequence()).append(' ')
                .append(flags).append(' ').append(id.length).append(' ').append(topics.length).append(' ')
                .append(data.length).append(' ');
        if (type != null) {
            header.append(type.length).append(' ');
        }
        if (update.retry() != null) {
            header.append(update.retry().longValue()).append(' ');
        }
        byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
        int length = head.length + id.length + topics.length + data.length + (type == null ? 0 : type.length);
        byte[] record = new byte[length];
        int at = put(record, 0, head);
        at = put(record, at, id);
        at = put(record, at, topics);
        at = put(record, at, data);
        if (type != null) {
            put(record, at, type);
        }
        return record;
    }

    /** The stored update one whole record holds; see {@link Records#next} for what is refused. */
    static StoredUpdate decode(byte[] record) {
        Records records = new Records(record);
        StoredUpdate stored = records.next();
        if (records.hasNext()) {
            throw new IllegalArgumentException("record has bytes past its end");
        }
        return stored;
    }

    /** Reads records written back to back, as a page query returns them, in order. */
    static final class Records {

        private final Cursor cursor;

        Records(byte[] concatenated) {
            this.cursor = new Cursor(concatenated);
        }

        boolean hasNext() {
            return cursor.at < cursor.record.length;
        }

        /**
         * The next record's update. A record no Herald could have written (a corrupt row) is an
         * {@link IllegalArgumentException}; the update's own checks run as for any other update.
         */
        StoredUpdate next() {
            long position = cursor.number();
            int flags = cursor.length();
            int idBytes = cursor.length();
            int topicsBytes = cursor.length();
            int dataBytes = cursor.length();
            int typeBytes = (flags & HAS_TYPE) != 0 ? cursor.length() : -1;
            Long retry = (flags & HAS_RETRY) != 0 ? cursor.number() : null;
            String id = cursor.text(idBytes);
            List<String> topics = cursor.topics(topicsBytes);
            String data = cursor.text(dataBytes);
            String type = typeBytes >= 0 ? cursor.text(typeBytes) : null;
            return new StoredUpdate(new Position(position),
                    new Update(id, topics, data, (flags & PRIVATE) != 0, type, retry));
        }
    }

    private static int put(byte[] record, int at, byte[] part) {
        System.arraycopy(part, 0, record, at, part.length);
        return at + part.length;
    }

    /** Reads a record from its start: the header's numbers, then the texts. */
    private static final class Cursor {

        private final byte[] record;
        private int at;

        Cursor(byte[] record) {
            this.record = record;
        }

        long number() {
            long value = 0;
            int start = at;
            while (at < record.length && record[at] != ' ') {
                int digit = record[at] - '0';
                if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                    throw new IllegalArgumentException("malformed record header at byte " + start);
                }
                value = value * 10 + digit;
                at++;
            }
            if (at == start || at == record.length) {
                throw new IllegalArgumentException("record header ends at byte " + at);
            }
            at++; // the space
            return value;
        }

        /** A number that is a length (or the flags): at most what an array can hold. */
        int length() {
            long value = number();
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("record length " + value + " is too large");
            }
            return (int) value;
        }

        /** {@link TopicsCodec}'s encoding, read from the bytes without a String of it when they are ASCII. */
        List<String> topics(int bytes) {
            if (bytes > record.length - at) {
                throw new IllegalArgumentException("record topics at byte " + at + " run past the end");
            }
            List<String> topics = TopicsCodec.decodeAscii(record, at, at + bytes);
            if (topics == null) {
                return TopicsCodec.decode(text(bytes));
            }
            at += bytes;
            return topics;
        }

        String text(int bytes) {
            if (bytes > record.length - at) {
                throw new IllegalArgumentException("record text at byte " + at + " runs past the end");
            }
            String text = new String(record, at, bytes, StandardCharsets.UTF_8);
            at += bytes;
            return text;
        }
    }
}
