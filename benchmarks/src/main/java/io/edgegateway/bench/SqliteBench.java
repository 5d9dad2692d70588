package io.edgegateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * SQLite through sqlite-jdbc: a table {@code (id INTEGER PRIMARY KEY, ts INTEGER, v BLOB)} in WAL mode,
 * one writer thread (SQLite has one writer per database) inserting with a prepared statement and
 * committing every {@code rowsPerTx} rows; a row counts once its transaction committed.
 */
final class SqliteBench {
    private SqliteBench() {
    }

    private static Connection open(Path db, String synchronous) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous);
            s.execute("CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, v BLOB)");
        }
        c.setAutoCommit(false);
        return c;
    }

    static Util.Rate insert(Path db, String synchronous, int rowsPerTx, int valueSize, long warmupMs, long measureMs)
            throws Exception {
        deleteDb(db);
        try (Connection c = open(db, synchronous);
                PreparedStatement ins = c.prepareStatement("INSERT INTO log (ts, v) VALUES (?, ?)")) {
            return Util.timed(1, warmupMs, measureMs, (id, run) -> {
                byte[] v = Util.payload(valueSize, 5);
                long done = 0;
                while (!run.stopped()) {
                    for (int i = 0; i < rowsPerTx; i++) {
                        ins.setLong(1, System.currentTimeMillis());
                        ins.setBytes(2, v);
                        ins.executeUpdate();
                    }
                    c.commit();
                    done += rowsPerTx;
                    run.count(0, done);
                }
            });
        } finally {
            deleteDb(db);
        }
    }

    /** Inserts {@code rows} rows, then reads them back in id order; returns rows per second of the read. */
    static double read(Path db, int valueSize, int rows) throws Exception {
        deleteDb(db);
        try (Connection c = open(db, "NORMAL");
                PreparedStatement ins = c.prepareStatement("INSERT INTO log (ts, v) VALUES (?, ?)")) {
            byte[] v = Util.payload(valueSize, 5);
            for (int i = 1; i <= rows; i++) {
                ins.setLong(1, i);
                ins.setBytes(2, v);
                ins.executeUpdate();
                if (i % 10_000 == 0) {
                    c.commit();
                }
            }
            c.commit();
            long t0 = System.nanoTime();
            long n = 0;
            long bytes = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, ts, v FROM log ORDER BY id")) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getLong(2);
                    bytes += rs.getBytes(3).length;
                    n++;
                }
            }
            double rate = n * 1e9 / (System.nanoTime() - t0);
            if (n != rows || bytes == 0) {
                throw new IllegalStateException("sqlite read " + n + " of " + rows);
            }
            return rate;
        } finally {
            deleteDb(db);
        }
    }

    private static void deleteDb(Path db) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
    }
}
