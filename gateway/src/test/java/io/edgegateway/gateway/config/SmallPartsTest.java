package io.edgegateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers the reader is built from: machine identity, quantities, suggestions. */
class SmallPartsTest {
    @TempDir
    Path dir;

    @Test
    void machineIdPrefersDeviceTreeThenCpuInfoThenMachineId() throws Exception {
        Path dt = dir.resolve("serial-number");
        Path cpu = dir.resolve("cpuinfo");
        Path mid = dir.resolve("machine-id");
        MachineIdentity m = new MachineIdentity(dt, cpu, mid);
        assertEquals(Optional.empty(), m.id());
        Files.writeString(mid, "0123456789abcdef0123456789abcdef\n");
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), m.id());
        Files.writeString(cpu, "processor\t: 0\nHardware\t: BCM2835\nSerial\t\t: 10000000ABCDEF12\nModel\t: Pi\n");
        assertEquals(Optional.of("10000000abcdef12"), m.id());
        Files.writeString(dt, "10000000feedbeef\0");
        assertEquals(Optional.of("10000000feedbeef"), m.id());
        Files.writeString(dt, "0000000000000000\0");
        assertEquals(Optional.of("10000000abcdef12"), m.id(), "an all-zero serial is no id");
    }

    @Test
    void durationsNeedUnitsAndSizesAcceptBinaryAndDecimalUnits() {
        assertEquals(OptionalLong.of(250), Quantities.durationMillis("250ms"));
        assertEquals(OptionalLong.of(30_000), Quantities.durationMillis("30s"));
        assertEquals(OptionalLong.of(300_000), Quantities.durationMillis("5m"));
        assertEquals(OptionalLong.of(300_000), Quantities.durationMillis("5 min"));
        assertEquals(OptionalLong.of(7L * 86_400_000), Quantities.durationMillis("7d"));
        assertEquals(OptionalLong.empty(), Quantities.durationMillis("30"));
        assertEquals(OptionalLong.empty(), Quantities.durationMillis("999999999999d"), "overflow is refused");
        assertEquals(OptionalLong.of(4096), Quantities.bytes("4096"));
        assertEquals(OptionalLong.of(512L << 20), Quantities.bytes("512MiB"));
        assertEquals(OptionalLong.of(100_000_000), Quantities.bytes("100 MB"));
        assertEquals(OptionalLong.of(2L << 30), Quantities.bytes("2gib"));
        assertEquals(OptionalLong.empty(), Quantities.bytes("2 GiBs"));
    }

    @Test
    void suggestionsCountASwapOfNeighboursAsOneEdit() {
        assertEquals(1, DidYouMean.distance("prot", "port"));
        assertEquals(2, DidYouMean.distance("kitten", "sitting".substring(0, 6)));
        assertEquals(Optional.of("port"), DidYouMean.closest("prot", List.of("port", "bind")));
        assertEquals(Optional.of("devices"), DidYouMean.closest("Devics", List.of("board", "devices")));
        assertEquals(Optional.empty(), DidYouMean.closest("colour", List.of("board", "devices")));
    }
}
