package dev.herald.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Looks at a store's database from the side, on a connection of the test's own, as an operator would. */
final class StoreFiles {

    private StoreFiles() {
    }

    static Path database(Path directory) {
        return directory.resolve("herald.db");
    }

    static long storedRows(Path directory) {
        return queryLong(directory, "SELECT count(*) FROM updates");
    }

    static long queryLong(Path directory, String sql) {
        try (Connection connection = connect(directory);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    static void execute(Path directory, String sql) {
        try (Connection connection = connect(directory);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("statement failed: " + sql, e);
        }
    }

    static Connection connect(Path directory) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database(directory));
    }
}
