// The machine's floor for a store replay: the CPU one thread spends stepping a hub's history in pages of
// 512 rows by position, the store's page query, through sqlite-jdbc (the driver the store uses), with
// nothing else (no Update, no encoding, no socket). No store replay on this machine can be cheaper per
// update than the mode it reads with. Reads a copy of a hub's database (never a live hub's files).
//
//   cp -r $STATE/data /tmp/floor-db   # with the hub idle or stopped
//   java -cp herald-server/target/herald.jar herald-bench/floor/SqliteReplayFloor.java /tmp/floor-db/herald.db
//
// Modes, each over the whole history, 5 rounds (the first 2 warm the JIT and the page cache):
//   step     only the position column: SQLite's own work plus one JNI call per row
//   strings  id, topics, data, private, type, retry with getString/getInt/getLong, as the store read before
//   bytes    the same texts with getBytes and a Java UTF-8 decode, type and retry only when set, as it reads now
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public class SqliteReplayFloor {

    private static final int PAGE = 512;
    private static final String COLUMNS = "position, id, topics, data, private, type, retry";
    private static final String FLAGGED = "position, id, topics, data,"
            + " private + 2 * (type IS NOT NULL) + 4 * (retry IS NOT NULL), type, retry";

    public static void main(String[] args) throws SQLException {
        if (args.length != 1) {
            System.err.println("usage: java -cp herald.jar SqliteReplayFloor.java PATH/herald.db");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + args[0] + "?mode=ro")) {
            connection.setAutoCommit(false);
            for (String mode : new String[] {"step", "strings", "bytes"}) {
                for (int round = 0; round < 5; round++) {
                    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                    long cpu = threads.getCurrentThreadCpuTime();
                    long rows = readAll(connection, mode);
                    cpu = threads.getCurrentThreadCpuTime() - cpu;
                    if (round >= 2) {
                        System.out.printf("%-8s %,d rows: %.2f us of CPU per row (%,.0f rows/s on one core)%n",
                                mode, rows, cpu / 1e3 / rows, rows * 1e9 / cpu);
                    }
                }
            }
        }
    }

    private static long readAll(Connection connection, String mode) throws SQLException {
        String sql = "SELECT " + (mode.equals("bytes") ? FLAGGED : COLUMNS) + " FROM updates"
                + " WHERE position > ? AND position <= ? AND created_at >= ? ORDER BY position LIMIT ?";
        long after = 0;
        long total = 0;
        long checksum = 0;
        while (true) {
            int rows = 0;
            try (PreparedStatement page = connection.prepareStatement(sql)) {
                page.setLong(1, after);
                page.setLong(2, Long.MAX_VALUE);
                page.setLong(3, 0);
                page.setInt(4, PAGE);
                try (ResultSet row = page.executeQuery()) {
                    while (row.next()) {
                        rows++;
                        after = row.getLong(1);
                        checksum += switch (mode) {
                            case "step" -> 0;
                            case "strings" -> row.getString(2).length() + row.getString(3).length()
                                    + row.getString(4).length() + row.getInt(5) + length(row.getString(6))
                                    + row.getLong(7);
                            default -> {
                                int flags = row.getInt(5);
                                yield text(row, 2).length() + text(row, 3).length() + text(row, 4).length()
                                        + ((flags & 2) != 0 ? text(row, 6).length() : 0)
                                        + ((flags & 4) != 0 ? row.getLong(7) : 0);
                            }
                        };
                    }
                }
            }
            connection.commit();
            total += rows;
            if (rows < PAGE) {
                return checksum == -1 ? -1 : total; // the checksum keeps the reads from being optimized away
            }
        }
    }

    private static String text(ResultSet row, int column) throws SQLException {
        byte[] bytes = row.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
