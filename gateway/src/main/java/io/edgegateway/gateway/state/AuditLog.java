package io.edgegateway.gateway.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Who did what and when: logins (and failed ones), config changes and rollbacks, restarts, user changes.
 * Append-only from the gateway's side. Actions are short kebab-case words ({@code login}, {@code login-failed},
 * {@code config-applied}, {@code restart}) so the web page can filter on them; details never hold passwords
 * or session tokens.
 */
public final class AuditLog {
    private final StateStore store;

    AuditLog(StateStore store) {
        this.store = store;
    }

    public void record(String actor, String action, String detail) {
        if (!action.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("audit actions are kebab-case words, not '" + action + "'");
        }
        long now = store.now();
        store.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO audit(time_ms, actor, action, detail) VALUES (?, ?, ?, ?)")) {
                s.setLong(1, now);
                s.setString(2, actor);
                s.setString(3, action);
                s.setString(4, detail);
                return s.executeUpdate();
            }
        });
    }

    /** Entries newer than {@code afterId} (0 for all), oldest first, at most {@code limit}. */
    public List<AuditEntry> since(long afterId, int limit) {
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, time_ms, actor, action, detail FROM audit "
                    + "WHERE id > ? ORDER BY id LIMIT ?")) {
                s.setLong(1, afterId);
                s.setInt(2, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }
}
