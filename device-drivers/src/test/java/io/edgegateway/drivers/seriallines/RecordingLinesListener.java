package io.edgegateway.drivers.seriallines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects records and rejects in arrival order. */
final class RecordingLinesListener implements SerialLinesDecoder.Listener {
    final List<Map<String, Object>> records = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final List<String> all = new ArrayList<>();

    @Override
    public void onRecord(Map<String, Object> fields) {
        records.add(fields);
        all.add(fields.toString());
    }

    @Override
    public void onReject(String reason, String detail) {
        rejects.add(reason);
        all.add("reject " + reason);
    }
}
