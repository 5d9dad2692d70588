package io.edgegateway.gateway.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The true wall time at which each boot started, learned when that boot's clock got synchronized. Stored so
 * that events stamped before synchronization can still be corrected after the gateway restarts within the
 * same boot, or when the uplink forwards them much later. The first value learned for a boot is kept.
 */
public final class BootClocks {
    private final StateStore store;

    BootClocks(StateStore store) {
        this.store = store;
    }

    public void record(String bootId, long trueBootWallMs) {
        long now = store.now();
        store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO boot_clock(boot_id, true_boot_wall_ms, "
                    + "synced_at_ms) VALUES (?, ?, ?)")) {
                s.setString(1, bootId);
                s.setLong(2, trueBootWallMs);
                s.setLong(3, now);
                return s.executeUpdate();
            }
        });
    }

    /** Every known boot's true start, by boot id, oldest first. */
    public Map<String, Long> all() {
        return store.call(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT boot_id, true_boot_wall_ms FROM boot_clock ORDER BY synced_at_ms");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }
}
