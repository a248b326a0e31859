package dev.herald.store.internal;

import dev.herald.core.HistoryPage;
import dev.herald.core.PageBuilder;
import dev.herald.core.PageRequest;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Reads one page of a replay on a reader's connection, inside the snapshot its {@link Reader} opened:
 * the rows after a position, filtered by exact topics when the request says so, cut by the page's
 * limits ({@link PageBuilder}).
 */
final class PageReader {

    /**
     * The most positions one topic-filtered page read looks at: a subscriber of a rare topic reads a
     * 1,000,000-update history in about 120 reads of a few milliseconds each, never one long one.
     */
    static final int SCAN_WINDOW = 8192;
    /**
     * The most bytes a page's records may take as one value: a page of 512 updates of up to about 2 KiB
     * each. A larger page fails at once (SQLITE_TOOBIG, before it takes more memory) and is read row
     * by row, so a history of large updates never makes a reader build a value of hundreds of MB.
     */
    static final int CONCATENATED_LIMIT = 1 << 20;
    /**
     * The page after {@code previous.after()}: at most the request's rows from one LIMITed rowid range.
     * A topic-filtered page looks at no more than {@link #SCAN_WINDOW} positions, so a rare topic costs
     * a bounded read per page, not a pass over the whole history in one read. The rows come as one
     * concatenated value ({@link Sql#page}) unless that would exceed {@link #CONCATENATED_LIMIT}
     * (large updates); then row by row ({@link Sql#rows}), which stops as soon as the page is full.
     */
    static HistoryPage page(ReaderConnection connection, HistoryPage previous, PageRequest request,
            long oldestCreatedAt) throws SQLException {
        long start = previous.after().sequence();
        long head = previous.head().sequence();
        long end = request.filtered() ? Math.min(head, start + SCAN_WINDOW) : head;
        PageRange range = new PageRange(start, end, oldestCreatedAt, patterns(request), request.maxUpdates());
        PageFill fill = new PageFill(range, new PageBuilder(request));
        int rowsRead;
        try {
            rowsRead = readConcatenated(connection, range, fill);
        } catch (SQLiteException e) {
            if (e.getResultCode() != SQLiteErrorCode.SQLITE_TOOBIG) {
                throw e;
            }
            connection.forget(Sql.page(range.patterns().size()));
            fill = new PageFill(range, new PageBuilder(request));
            rowsRead = readRowByRow(connection, range, fill);
        }
        // A range that held fewer rows than the limit, all taken or skipped: the page covers all of it.
        long after = !fill.full() && rowsRead < request.maxUpdates() ? end : fill.after();
        return previous.next(fill.updates(), new Position(after));
    }

    /** What one page reads: the positions after {@code start} up to {@code end}, filtered, limited. */
    private record PageRange(long start, long end, long oldestCreatedAt, List<String> patterns, int maxRows) {

        PreparedStatement bind(ReaderConnection connection, String sql) throws SQLException {
            PreparedStatement select = connection.statement(sql);
            int parameter = 1;
            select.setLong(parameter++, start);
            select.setLong(parameter++, end);
            select.setLong(parameter++, oldestCreatedAt);
            for (String pattern : patterns) {
                select.setString(parameter++, pattern);
            }
            select.setInt(parameter, maxRows);
            return select;
        }
    }

    /** The page's records in one value, read under a length limit so a page of large updates fails fast. */
    private static int readConcatenated(ReaderConnection connection, PageRange range, PageFill fill)
            throws SQLException {
        connection.limitLength(CONCATENATED_LIMIT);
        try (ResultSet result = range.bind(connection, Sql.page(range.patterns().size())).executeQuery()) {
            result.next();
            int rowsRead = result.getInt(1);
            byte[] records = result.getBytes(2);
            UpdateRecord.Records reader = new UpdateRecord.Records(records == null ? new byte[0] : records);
            while (reader.hasNext() && fill.offer(reader)) {
                // offer takes the next record; it stops once the page is full
            }
            return rowsRead;
        } finally {
            connection.unlimitLength();
        }
    }

    /** The page's records one row at a time, for rows too large to concatenate. */
    private static int readRowByRow(ReaderConnection connection, PageRange range, PageFill fill)
            throws SQLException {
        int rowsRead = 0;
        try (ResultSet rows = range.bind(connection, Sql.rows(range.patterns().size())).executeQuery()) {
            while (rows.next()) {
                rowsRead++;
                if (!fill.offer(new UpdateRecord.Records(rows.getBytes(1)))) {
                    break;
                }
            }
        }
        return rowsRead;
    }

    /**
     * Offers a page's records to its builder in order until it is full, and remembers the last position
     * it took or skipped. Records out of order or outside the page's range mean a query did not do what
     * {@link Sql#page} says: a {@link SQLException}, never a silent reorder.
     */
    private static final class PageFill {

        private final PageRange range;
        private final PageBuilder page;
        private long after;

        PageFill(PageRange range, PageBuilder page) {
            this.range = range;
            this.page = page;
            this.after = range.start();
        }

        /** Offers the next record; false once the page is full (that record is not in it). */
        boolean offer(UpdateRecord.Records records) throws SQLException {
            StoredUpdate stored;
            try {
                stored = records.next();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new SQLException("corrupt update record after position " + after + ": " + e.getMessage(), e);
            }
            long position = stored.position().sequence();
            if (position <= after || position > range.end()) {
                throw new SQLException("page records out of order: position " + position + " after " + after
                        + " (page ends at " + range.end() + ")");
            }
            if (!page.offer(stored)) {
                return false;
            }
            after = position;
            return true;
        }

        boolean full() {
            return page.full();
        }

        long after() {
            return after;
        }

        List<StoredUpdate> updates() {
            return page.updates();
        }
    }

    /** The topics in their stored encoding, to filter on in SQL; none when there are too many. */
    private static List<String> patterns(PageRequest request) {
        if (request.topics().size() > Sql.MAX_FILTER_TOPICS) {
            return List.of();
        }
        List<String> patterns = new ArrayList<>(request.topics().size());
        for (String topic : request.topics()) {
            patterns.add(TopicsCodec.encode(List.of(topic)));
        }
        return patterns;
    }

    private PageReader() {
    }
}
