package io.edgegateway.gateway.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway has seen: each device (type, first and last seen, last value as JSON, a friendly name a
 * person gave it) and each RFID/NFC tag (first and last seen, the reader that saw it last, a friendly name).
 * Updated from the event path at a throttled rate by the caller, never once per event: the event stream
 * itself lives in the log. A friendly name survives later sightings.
 */
public final class Inventory {
    /** A device as the inventory knows it; {@code friendlyName} is empty until someone names it. */
    public record Device(String deviceId, String type, String friendlyName, long firstSeenMs, long lastSeenMs,
                         String lastValue) {
    }

    /** A tag as the inventory knows it. */
    public record Tag(String tagId, String friendlyName, long firstSeenMs, long lastSeenMs, String lastDeviceId) {
    }

    private final StateStore store;

    Inventory(StateStore store) {
        this.store = store;
    }

    /** Records a sighting of a device at {@code timeMs} with its latest value (JSON). */
    public void deviceSeen(String deviceId, String type, long timeMs, String lastValueJson) {
        store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO device(device_id, type, first_seen_ms, "
                    + "last_seen_ms, last_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET "
                    + "type = excluded.type, last_seen_ms = max(last_seen_ms, excluded.last_seen_ms), "
                    + "last_value = CASE WHEN excluded.last_seen_ms >= last_seen_ms THEN excluded.last_value "
                    + "ELSE last_value END")) {
                s.setString(1, deviceId);
                s.setString(2, type);
                s.setLong(3, timeMs);
                s.setLong(4, timeMs);
                s.setString(5, lastValueJson);
                return s.executeUpdate();
            }
        });
    }

    public void tagSeen(String tagId, String deviceId, long timeMs) {
        store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tag(tag_id, first_seen_ms, last_seen_ms, "
                    + "last_device_id) VALUES (?, ?, ?, ?) ON CONFLICT(tag_id) DO UPDATE SET "
                    + "last_device_id = CASE WHEN excluded.last_seen_ms >= last_seen_ms THEN excluded.last_device_id "
                    + "ELSE last_device_id END, last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)")) {
                s.setString(1, tagId);
                s.setLong(2, timeMs);
                s.setLong(3, timeMs);
                s.setString(4, deviceId);
                return s.executeUpdate();
            }
        });
    }

    /** Gives a device a name for the web page; false if the device was never seen. */
    public boolean nameDevice(String deviceId, String friendlyName) {
        return rename("device", "device_id", deviceId, friendlyName);
    }

    public boolean nameTag(String tagId, String friendlyName) {
        return rename("tag", "tag_id", tagId, friendlyName);
    }

    private boolean rename(String table, String key, String id, String name) {
        // table and key are constants from this class, never user input.
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET friendly_name = ? WHERE " + key
                    + " = ?")) {
                s.setString(1, name.isBlank() ? null : name.strip());
                s.setString(2, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    public Optional<Device> device(String deviceId) {
        return devices().stream().filter(d -> d.deviceId().equals(deviceId)).findFirst();
    }

    public List<Device> devices() {
        return store.call(c -> {
            List<Device> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT device_id, type, coalesce(friendly_name, ''), "
                    + "first_seen_ms, last_seen_ms, last_value FROM device ORDER BY device_id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6)));
                }
            }
            return out;
        });
    }

    public List<Tag> tags() {
        return store.call(c -> {
            List<Tag> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT tag_id, coalesce(friendly_name, ''), first_seen_ms, "
                    + "last_seen_ms, last_device_id FROM tag ORDER BY tag_id"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Tag(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
                }
            }
            return out;
        });
    }
}
