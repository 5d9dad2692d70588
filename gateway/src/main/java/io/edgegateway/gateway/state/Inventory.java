package io.edgegateway.gateway.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway has seen: each device (type, first and last seen, last value as JSON, a friendly name a
 * person gave it) and each RFID/NFC tag (first and last seen, the reader that saw it last, a friendly name).
 * Updated from the event path in batches ({@link InventoryFeed}), never once per event: the event stream
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

    /** Sightings of a device between {@code firstMs} and {@code lastMs}, with the value of the last one (JSON). */
    public record DeviceSighting(String deviceId, String type, long firstMs, long lastMs, String lastValue) {
    }

    /** Sightings of a tag between {@code firstMs} and {@code lastMs}; {@code deviceId} read it last. */
    public record TagSighting(String tagId, String deviceId, long firstMs, long lastMs) {
    }

    private static final String DEVICE_UPSERT = "INSERT INTO device(device_id, type, first_seen_ms, last_seen_ms, "
            + "last_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET type = excluded.type, "
            + "first_seen_ms = min(first_seen_ms, excluded.first_seen_ms), "
            + "last_value = CASE WHEN excluded.last_seen_ms >= last_seen_ms THEN excluded.last_value "
            + "ELSE last_value END, last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)";
    private static final String TAG_UPSERT = "INSERT INTO tag(tag_id, first_seen_ms, last_seen_ms, last_device_id) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT(tag_id) DO UPDATE SET "
            + "first_seen_ms = min(first_seen_ms, excluded.first_seen_ms), "
            + "last_device_id = CASE WHEN excluded.last_seen_ms >= last_seen_ms THEN excluded.last_device_id "
            + "ELSE last_device_id END, last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)";

    /** Records a sighting of a device at {@code timeMs} with its latest value (JSON). */
    public void deviceSeen(String deviceId, String type, long timeMs, String lastValueJson) {
        record(List.of(new DeviceSighting(deviceId, type, timeMs, timeMs, lastValueJson)), List.of());
    }

    public void tagSeen(String tagId, String deviceId, long timeMs) {
        record(List.of(), List.of(new TagSighting(tagId, deviceId, timeMs, timeMs)));
    }

    /**
     * Stores a batch of sightings in one transaction (one fsync for the lot). Sightings older than what is
     * stored only widen first seen; the last value and reader follow the newest sighting. Friendly names
     * are never touched.
     */
    public void record(List<DeviceSighting> devices, List<TagSighting> tags) {
        if (devices.isEmpty() && tags.isEmpty()) {
            return;
        }
        store.transaction(c -> {
            if (!devices.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(DEVICE_UPSERT)) {
                    for (DeviceSighting d : devices) {
                        s.setString(1, d.deviceId());
                        s.setString(2, d.type());
                        s.setLong(3, d.firstMs());
                        s.setLong(4, d.lastMs());
                        s.setString(5, d.lastValue());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!tags.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(TAG_UPSERT)) {
                    for (TagSighting t : tags) {
                        s.setString(1, t.tagId());
                        s.setLong(2, t.firstMs());
                        s.setLong(3, t.lastMs());
                        s.setString(4, t.deviceId());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            return null;
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
