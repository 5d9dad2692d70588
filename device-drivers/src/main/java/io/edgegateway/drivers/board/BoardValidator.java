package io.edgegateway.drivers.board;

import io.edgegateway.drivers.Wiring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks configured devices against a board before anything is started, and reports every problem at once.
 * Refused: a pin the board's header lacks, a pin reserved by an enabled bus, a pin another device already
 * uses, a bus the board lacks, and a bus the board has but not enabled. Each message names the device, the
 * option and pin (BCM and physical), and the board. Devices are checked in the given order, so "already used"
 * names the earlier device.
 */
public final class BoardValidator {
    private BoardValidator() {
    }

    /** A device to check: its id and what it occupies. */
    public record DeviceWiring(String deviceId, Wiring wiring) {
    }

    /** One refusal, for the config validator to attach to the device's line in the file. */
    public record Problem(String deviceId, String message) {
    }

    public static List<Problem> validate(BoardConfig board, List<DeviceWiring> devices) {
        List<Problem> problems = new ArrayList<>();
        Map<Integer, String> usedBy = new HashMap<>();
        for (DeviceWiring d : devices) {
            for (Map.Entry<String, Integer> e : new TreeMap<>(d.wiring().pins()).entrySet()) {
                int bcm = e.getValue();
                String prefix = "device '" + d.deviceId() + "' option '" + e.getKey() + "': GPIO " + bcm;
                var pin = board.pinByBcm(bcm);
                if (pin.isEmpty()) {
                    problems.add(new Problem(d.deviceId(), prefix + " is not on the header of " + board.id()));
                    continue;
                }
                String where = prefix + " (physical pin " + pin.get().physical() + ")";
                var bus = board.reservingBus(bcm);
                if (bus.isPresent()) {
                    problems.add(new Problem(d.deviceId(), where + " is reserved by bus " + bus.get().id()
                            + " on " + board.id() + "; pick another pin or disable the bus"));
                    continue;
                }
                String other = usedBy.putIfAbsent(bcm, d.deviceId());
                if (other != null) {
                    problems.add(new Problem(d.deviceId(), where + " is already used by device '" + other
                            + "' on " + board.id()));
                }
            }
            for (String busId : d.wiring().buses()) {
                BoardBus bus = board.buses().get(busId);
                if (bus == null) {
                    problems.add(new Problem(d.deviceId(), "device '" + d.deviceId() + "' needs bus " + busId
                            + ", which " + board.id() + " does not have (it has "
                            + String.join(", ", new TreeMap<>(board.buses()).keySet()) + ")"));
                } else if (!bus.enabled()) {
                    problems.add(new Problem(d.deviceId(), "device '" + d.deviceId() + "' needs bus " + busId
                            + " (pins " + bus.pins() + "), which is not enabled on " + board.id()
                            + "; enable it in the board config and on the board"));
                }
            }
        }
        return problems;
    }
}
