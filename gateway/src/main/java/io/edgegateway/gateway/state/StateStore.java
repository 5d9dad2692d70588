package io.edgegateway.gateway.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.sqlite.SQLiteConfig;

/**
 * The gateway's small relational state in one SQLite file ({@code state.db} in the data directory): config
 * revisions, users and sessions, device and tag inventory, audit log, and the true start time of each
 * boot whose clock got synchronized. The event stream never passes through
 * here. Opened in WAL mode (readers, such as the CLI, do not block the service's writes) with
 * {@code synchronous=NORMAL} (in WAL mode a power cut may lose the last commits but never corrupts the file)
 * and foreign keys on; the schema is brought up to date by {@link Migrations} at open. One connection,
 * serialized by this object's lock: the write rate is a few rows a second, far below what needs a pool.
 * The clock is a parameter so tests control session expiry and timestamps.
 */
public final class StateStore implements AutoCloseable {
    private final Connection connection;
    private final Clock clock;
    private final ConfigRevisions revisions;
    private final Users users;
    private final Inventory inventory;
    private final AuditLog audit;
    private final BootClocks bootClocks;

    private StateStore(Connection connection, Clock clock, PasswordHasher hasher) {
        this.connection = connection;
        this.clock = clock;
        this.revisions = new ConfigRevisions(this);
        this.users = new Users(this, hasher);
        this.inventory = new Inventory(this);
        this.audit = new AuditLog(this);
        this.bootClocks = new BootClocks(this);
    }

    public static StateStore open(Path file, Clock clock) {
        return open(file, clock, PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** With a chosen password work factor; tests use a cheap one. */
    static StateStore open(Path file, Clock clock, int passwordIterations) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(5_000);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try {
                Migrations.migrate(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return new StateStore(c, clock, new PasswordHasher(passwordIterations));
        } catch (SQLException | java.io.IOException e) {
            throw new StateException("cannot open the state database " + file + ": " + e.getMessage(), e);
        }
    }

    public ConfigRevisions revisions() {
        return revisions;
    }

    public Users users() {
        return users;
    }

    public Inventory inventory() {
        return inventory;
    }

    public AuditLog audit() {
        return audit;
    }

    public BootClocks bootClocks() {
        return bootClocks;
    }

    public int schemaVersion() {
        return call(Migrations::version);
    }

    long now() {
        return clock.millis();
    }

    /** Work on the connection, under the lock; SQL errors become {@link StateException}s. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    synchronized <T> T call(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StateException("state database: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: all of it or none of it is stored. */
    synchronized <T> T transaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException("state database: " + e.getMessage(), e);
        }
    }

    /** Writes the WAL back into the main file, so a copied {@code state.db} alone is complete. */
    public void checkpoint() {
        call(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StateException("closing the state database: " + e.getMessage(), e);
        }
    }
}
