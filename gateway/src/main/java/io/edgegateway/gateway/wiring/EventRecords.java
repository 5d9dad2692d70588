package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.log.Header;
import io.edgegateway.log.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a device event is stored: key = device id (one device's events stay ordered in one partition), value
 * = the event's JSON, timestamp = event time, headers = the driver's (device type, driver, clock quality) in
 * name order, then any extra ones (clock-correction headers), then {@value #GATEWAY_ID}, so a record read in
 * Kafka says which gateway it came from.
 */
public final class EventRecords {
    /** Header naming the gateway that stored the event. */
    public static final String GATEWAY_ID = "gateway-id";

    private EventRecords() {
    }

    public static LogRecord toRecord(DeviceEvent e, String gatewayId, List<Header> extra) {
        List<Header> headers = new ArrayList<>(e.headers().size() + extra.size() + 1);
        // Sorted so the stored bytes do not depend on the map's iteration order.
        new TreeMap<>(e.headers()).forEach((k, v) -> headers.add(Header.of(k, v)));
        headers.addAll(extra);
        headers.add(Header.of(GATEWAY_ID, gatewayId));
        return new LogRecord(e.key(), e.value(), e.timestampMs(), headers);
    }

    /** The headers of a stored record as a map (the last value wins for a repeated key). */
    public static Map<String, String> headers(List<Header> headers) {
        Map<String, String> m = new TreeMap<>();
        headers.forEach(h -> m.put(h.key(), h.valueAsString()));
        return m;
    }
}
