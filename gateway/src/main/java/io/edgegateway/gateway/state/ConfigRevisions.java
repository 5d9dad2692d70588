package io.edgegateway.gateway.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every config the gateway accepted, as written, numbered from 1. Revisions are never changed or deleted:
 * a rollback stores the old text again as a new revision ("rollback to 3"), so the history shows what ran
 * when, including the rollback itself. The caller validates a text before adding it; this class stores.
 */
public final class ConfigRevisions {
    private final StateStore store;

    ConfigRevisions(StateStore store) {
        this.store = store;
    }

    /** Stores a new revision and returns its number. */
    public long add(String text, String author, String comment) {
        long now = store.now();
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO config_revision(created_ms, author, comment, text)"
                    + " VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, now);
                s.setString(2, author);
                s.setString(3, comment);
                s.setString(4, text);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    public Optional<ConfigRevision> get(long revision) {
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT revision, created_ms, author, comment, text "
                    + "FROM config_revision WHERE revision = ?")) {
                s.setLong(1, revision);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    public Optional<ConfigRevision> latest() {
        return store.call(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT revision, created_ms, author,"
                    + " comment, text FROM config_revision ORDER BY revision DESC LIMIT 1")) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        });
    }

    /** Newest first, at most {@code limit}. */
    public List<ConfigRevision> history(int limit) {
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT revision, created_ms, author, comment, text "
                    + "FROM config_revision ORDER BY revision DESC LIMIT ?")) {
                s.setInt(1, limit);
                List<ConfigRevision> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** The line diff from revision {@code from} to revision {@code to}. */
    public List<String> diff(long from, long to) {
        return LineDiff.diff(require(from).text(), require(to).text());
    }

    /** Stores revision {@code target}'s text again as the newest revision; returns the new revision. */
    public ConfigRevision rollback(long target, String author) {
        ConfigRevision old = require(target);
        long n = add(old.text(), author, "rollback to " + target);
        return get(n).orElseThrow();
    }

    private ConfigRevision require(long revision) {
        return get(revision).orElseThrow(() -> new StateException("there is no config revision " + revision));
    }

    private static ConfigRevision row(ResultSet rs) throws SQLException {
        return new ConfigRevision(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
