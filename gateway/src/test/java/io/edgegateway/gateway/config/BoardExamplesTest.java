package io.edgegateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgegateway.drivers.BuiltInDrivers;
import io.edgegateway.drivers.board.BoardConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every board has a commented example config, and each one is valid for its board. */
class BoardExamplesTest {
    private static final Path BOARDS = Path.of("..", "board-configs");
    @TempDir
    Path dir;

    @Test
    void eachBoardsExampleIsValidOnThatBoard() throws Exception {
        BoardConfigLoader loader = new BoardConfigLoader(BOARDS);
        ConfigReader reader = new ConfigReader(BuiltInDrivers.registry(), ConfigFixtures.machine(dir),
                new SecretResolver(Map.of("KAFKA_PASSWORD", "pw")::get), ConfigFixtures.defaultTopics(),
                Optional.of(loader));
        List<String> boards = loader.available();
        assertEquals(6, boards.size(), boards.toString());
        for (String board : boards) {
            GatewayConfig c = reader.read(BOARDS.resolve("examples").resolve(board + ".yaml"));
            assertEquals(board, c.board());
            assertEquals(List.of("door-contact", "door-reader", "hall-climate", "tank-temperature"),
                    c.devices().stream().map(DeviceConfig::id).toList(), board);
        }
    }
}
