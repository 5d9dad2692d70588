package io.edgegateway.drivers.bme280;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.I2cDevice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives one BME280 in forced mode: every period it writes ctrl_meas to start one conversion, waits the
 * datasheet's worst-case conversion time, checks the status register, burst-reads the 8 data bytes and
 * emits the compensated values. Forced mode keeps the sensor asleep between readings, so it does not heat
 * itself (datasheet §3.5.1 "weather monitoring"). Start checks the chip id (0x60; a BMP280 answers 0x56..0x58)
 * and reads the calibration once. Bus errors while running fail the device so the supervisor retries.
 */
final class Bme280Driver implements Driver {
    static final int REG_ID = 0xD0;
    static final int CHIP_ID = 0x60;
    static final int REG_CTRL_HUM = 0xF2;
    static final int REG_STATUS = 0xF3;
    static final int REG_CTRL_MEAS = 0xF4;
    static final int REG_CONFIG = 0xF5;
    static final int STATUS_MEASURING = 0x08;
    static final String MEASUREMENT_LATE = "measurement-late";

    private final Bme280Options options;
    private final Buses buses;
    private I2cDevice device;
    private Bme280Decoder decoder;
    private DriverContext context;
    private Scheduler.Cancellable poll;
    private Scheduler.Cancellable pendingRead;

    Bme280Driver(Bme280Options options, Buses buses) {
        this.options = options;
        this.buses = buses;
    }

    @Override
    public synchronized void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        try {
            device = buses.i2c(options.i2cBus(), options.address());
            int id = device.readRegister(REG_ID);
            if (id != CHIP_ID) {
                throw new DeviceException(DeviceException.Kind.WRONG_DEVICE, String.format(
                        "chip id 0x%02x at I2C %d/0x%02x, expected 0x60 (BME280)%s", id, options.i2cBus(),
                        options.address(), id >= 0x56 && id <= 0x58 ? "; this is a BMP280, which has no humidity"
                                : ""));
            }
            byte[] tp = new byte[Bme280Calibration.TP_LENGTH];
            byte[] h = new byte[Bme280Calibration.H_LENGTH];
            device.readRegisters(Bme280Calibration.TP_START, tp, 0, tp.length);
            device.readRegisters(Bme280Calibration.H_START, h, 0, h.length);
            Bme280Calibration cal = Bme280Calibration.parse(tp, h);
            if (cal.looksBlank()) {
                throw new DeviceException(DeviceException.Kind.WRONG_DEVICE, "calibration memory reads blank");
            }
            decoder = new Bme280Decoder(cal, options.osrsH() > 0);
            device.writeRegister(REG_CONFIG, options.filter() << 2);
            // ctrl_hum only takes effect after the next ctrl_meas write (datasheet §5.4.3); each poll does one.
            device.writeRegister(REG_CTRL_HUM, options.osrsH());
        } catch (BusException e) {
            throw new DeviceException(e.isTimeout() ? DeviceException.Kind.TIMEOUT
                    : DeviceException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
        poll = ctx.scheduler().scheduleAtFixedRate(this::trigger, 0, options.periodSeconds() * 1000);
    }

    private synchronized void trigger() {
        if (device == null) {
            return;
        }
        try {
            device.writeRegister(REG_CTRL_MEAS, (options.osrsT() << 5) | (options.osrsP() << 2) | 0b01);
        } catch (BusException e) {
            context.fail(new DeviceException(DeviceException.Kind.BUS_ERROR, e.getMessage(), e));
            return;
        }
        pendingRead = context.scheduler().schedule(this::read, options.measurementMillis());
    }

    private synchronized void read() {
        if (device == null) {
            return;
        }
        try {
            if ((device.readRegister(REG_STATUS) & STATUS_MEASURING) != 0) {
                context.reject(MEASUREMENT_LATE, "still measuring " + options.measurementMillis()
                        + " ms after the trigger; sample skipped");
                return;
            }
            long takenAt = context.clock().wallMillis();
            byte[] data = new byte[Bme280Sample.DATA_LENGTH];
            device.readRegisters(Bme280Sample.DATA_START, data, 0, data.length);
            Bme280Decoder.Result r = decoder.decode(Bme280Sample.parse(data));
            if (r.reading().isEmpty()) {
                context.reject(r.rejectReason(), r.detail());
                return;
            }
            Bme280Reading reading = r.reading().get();
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("temperature_c", reading.temperatureC());
            value.put("pressure_pa", Math.round(reading.pressurePa() * 100) / 100.0);
            if (reading.humidityPct() != null) {
                value.put("humidity_pct", Math.round(reading.humidityPct() * 1000) / 1000.0);
            }
            context.emit(takenAt, value);
        } catch (BusException e) {
            context.fail(new DeviceException(DeviceException.Kind.BUS_ERROR, e.getMessage(), e));
        }
    }

    @Override
    public synchronized void stop() {
        if (poll != null) {
            poll.cancel();
        }
        if (pendingRead != null) {
            pendingRead.cancel();
        }
        if (device != null) {
            device.close();
            device = null;
        }
    }
}
