package io.edgegateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate FILE}: exit codes and output a person and a script can both use. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void validFileExitsZeroWithASummary() throws Exception {
        Path f = Files.writeString(dir.resolve("gateway.yaml"), """
                gateway: {id: gw-1}
                board: laptop-sim
                devices:
                  - {id: hall, type: bme280, topic: sensors.environment}
                """);
        CommandLineTest.Result r = CommandLineTest.run("validate", "--boards", "../board-configs", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(f + ": valid (gateway gw-1, board laptop-sim, 1 devices, 3 topics, uplink not configured)\n", r.out());
        CommandLineTest.Result unchecked = CommandLineTest.run("validate", "--boards", dir.resolve("none").toString(),
                f.toString());
        assertEquals(0, unchecked.code(), unchecked.err());
        assertTrue(unchecked.out().contains("board laptop-sim not checked: no folder " + dir.resolve("none")),
                unchecked.out());
    }

    @Test
    void invalidFileExitsOneWithEveryProblemAndItsFix() throws Exception {
        Path f = Files.writeString(dir.resolve("gateway.yaml"), """
                gateway: {id: gw-1}
                board: laptop-sim
                devices:
                  - id: hall
                    type: bme280
                    topic: sensors.environment
                    options: {perod: 30}
                web: {prot: 80}
                """);
        CommandLineTest.Result r = CommandLineTest.run("validate", f.toString());
        assertEquals(1, r.code());
        assertEquals(f + ":7:15: devices[0].options.perod: unknown option for bme280; did you mean 'period'?\n"
                + "    fix: options of bme280 are: i2c-bus, address, period, oversampling-temperature, "
                + "oversampling-pressure, oversampling-humidity, iir-filter\n"
                + f + ":8:7: web.prot: unknown setting 'prot' in web\n"
                + "    fix: did you mean 'port'?\n"
                + f + ": 2 problems\n", r.err());
    }

    @Test
    void aBadUplinkSectionIsRefusedAtItsLineByValidateAndRun() throws Exception {
        Path f = Files.writeString(dir.resolve("gateway.yaml"), """
                gateway: {id: gw-1}
                board: laptop-sim
                uplink:
                  bootstrap-servers: kafka.example.net:9093
                  mode: exactly-twice
                """);
        String problem = f + ":5:9: uplink.mode: mode='exactly-twice' must be exactly-once or at-least-once\n";
        CommandLineTest.Result r = CommandLineTest.run("validate", f.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(problem), r.err());
        CommandLineTest.Result run = CommandLineTest.run("run", "--simulate", "--config", f.toString(), "--boards",
                "../board-configs", "--data-dir",
                dir.resolve("data").toString(), "--web-port", "0", "--duration", "1");
        assertEquals(1, run.code(), run.out());
        assertTrue(run.err().startsWith(problem), run.err());
        assertTrue(run.err().contains("nothing was started"), run.err());
    }

    @Test
    void missingFileAndMissingArgument() {
        CommandLineTest.Result missing = CommandLineTest.run("validate", dir.resolve("nope.yaml").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith(dir.resolve("nope.yaml") + ": does not exist\n"), missing.err());
        CommandLineTest.Result usage = CommandLineTest.run("validate");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("Missing required parameter: 'FILE'"), usage.err());
    }
}
