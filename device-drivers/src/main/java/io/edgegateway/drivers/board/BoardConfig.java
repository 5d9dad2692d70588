package io.edgegateway.drivers.board;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One supported board as described by its YAML file in {@code board-configs/}: header pin map, buses with
 * their device paths and pins, RAM sizes, and the Pi4J GPIO provider with the label of the header's GPIO
 * controller. Immutable; built by {@link BoardConfigLoader}, which also checks the file is consistent.
 */
public record BoardConfig(String id, String model, List<Integer> ramMb, String gpioProvider, String gpioChipLabel,
                          List<HeaderPin> header, Map<String, BoardBus> buses) {
    public BoardConfig {
        ramMb = List.copyOf(ramMb);
        header = List.copyOf(header);
        buses = Map.copyOf(buses);
    }

    /** The header position of BCM GPIO {@code bcm}, if the header has it. */
    public Optional<HeaderPin> pinByBcm(int bcm) {
        return header.stream().filter(p -> p.bcm().isPresent() && p.bcm().get() == bcm).findFirst();
    }

    /** The enabled bus that reserves {@code bcm}, if any. */
    public Optional<BoardBus> reservingBus(int bcm) {
        return buses.values().stream().filter(b -> b.enabled() && b.pins().contains(bcm))
                .sorted((a, b) -> a.id().compareTo(b.id())).findFirst();
    }
}
