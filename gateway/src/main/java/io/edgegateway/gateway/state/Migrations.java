package io.edgegateway.gateway.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema as a list of numbered steps; step {@code n} turns version {@code n-1} into {@code n}. SQLite's
 * {@code PRAGMA user_version} holds the version, and each step runs in one transaction together with the
 * version bump, so a crash mid-migration leaves the previous version intact. Steps are only ever appended:
 * a released step is never edited, because databases in the field already ran it. A database newer than
 * this build is refused rather than guessed at (a downgrade would silently lose columns). A step is split
 * into statements at {@code ;}, so steps hold plain DDL without semicolons inside strings or triggers.
 */
final class Migrations {
    static final List<String> STEPS = List.of(
            // 1: config revisions, users and sessions, inventory, audit log
            """
            CREATE TABLE config_revision (
                revision    INTEGER PRIMARY KEY AUTOINCREMENT,
                created_ms  INTEGER NOT NULL,
                author      TEXT NOT NULL,
                comment     TEXT NOT NULL,
                text        TEXT NOT NULL
            );
            CREATE TABLE user_account (
                name          TEXT PRIMARY KEY,
                role          TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
                password_hash TEXT NOT NULL,
                created_ms    INTEGER NOT NULL
            );
            CREATE TABLE session (
                token_hash  TEXT PRIMARY KEY,
                user_name   TEXT NOT NULL REFERENCES user_account(name) ON DELETE CASCADE,
                created_ms  INTEGER NOT NULL,
                expires_ms  INTEGER NOT NULL
            );
            CREATE INDEX session_expiry ON session(expires_ms);
            CREATE TABLE device (
                device_id     TEXT PRIMARY KEY,
                type          TEXT NOT NULL,
                friendly_name TEXT,
                first_seen_ms INTEGER NOT NULL,
                last_seen_ms  INTEGER NOT NULL,
                last_value    TEXT
            );
            CREATE TABLE tag (
                tag_id         TEXT PRIMARY KEY,
                friendly_name  TEXT,
                first_seen_ms  INTEGER NOT NULL,
                last_seen_ms   INTEGER NOT NULL,
                last_device_id TEXT NOT NULL
            );
            CREATE TABLE audit (
                id       INTEGER PRIMARY KEY AUTOINCREMENT,
                time_ms  INTEGER NOT NULL,
                actor    TEXT NOT NULL,
                action   TEXT NOT NULL,
                detail   TEXT NOT NULL
            );
            CREATE INDEX audit_time ON audit(time_ms);
            """,
            // 2: the true start time of each boot whose clock got synchronized, for timestamp correction
            """
            CREATE TABLE boot_clock (
                boot_id            TEXT PRIMARY KEY,
                true_boot_wall_ms  INTEGER NOT NULL,
                synced_at_ms       INTEGER NOT NULL
            );
            """);

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    /** Brings the database to the latest version; returns the version it had before. */
    static int migrate(Connection c) throws SQLException {
        int from = version(c);
        if (from > latest()) {
            throw new StateException("the state database has schema version " + from + " but this build knows only "
                    + "up to " + latest() + "; it was written by a newer edge-gateway. Install that version again");
        }
        for (int v = from + 1; v <= latest(); v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v - 1).split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                // PRAGMA takes no bind parameters; v is an int from our own loop.
                s.execute("PRAGMA user_version = " + v);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return from;
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
