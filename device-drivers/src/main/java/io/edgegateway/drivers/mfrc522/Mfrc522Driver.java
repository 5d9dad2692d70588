package io.edgegateway.drivers.mfrc522;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.SpiDevice;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ISO 14443A tag UIDs with an MFRC522 on SPI. {@code start} opens the SPI device (mode 0, datasheet
 * §8.1.2), checks VersionReg, resets and configures the chip, then scans the field every poll interval on the
 * context's scheduler. Each scan first re-reads VersionReg: a module that was unplugged reads 0x00 or 0xFF and
 * is reported as unavailable instead of producing a stream of garbled "answers". A tag produces one event when
 * it enters the field ({@link TagPresence}); malformed answers are rejects; SPI errors and a stuck chip fail
 * the instance so the supervisor restarts it.
 */
final class Mfrc522Driver implements Driver {
    private static final Logger LOG = LoggerFactory.getLogger(Mfrc522Driver.class);

    private final Mfrc522Options options;
    private final Buses buses;
    private volatile SpiDevice spi;
    private volatile Scheduler.Cancellable polling;
    private volatile boolean broken;
    private DriverContext context;
    private Mfrc522Reader reader;
    private TagPresence presence;
    private int version;

    Mfrc522Driver(Mfrc522Options options, Buses buses) {
        this.options = options;
        this.buses = buses;
    }

    @Override
    public void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        try {
            spi = buses.spi(options.spiBus(), options.chipSelect(), options.clockHz(), 0);
            RegisterAccess regs = new RegisterAccess(spi);
            reader = new Mfrc522Reader(regs, new Transceiver(regs, ctx.clock()));
            version = reader.version();
            checkVersion(ctx);
            reader.init(options.rxGainCode());
        } catch (BusException e) {
            throw new DeviceException(e.isTimeout() ? DeviceException.Kind.TIMEOUT : DeviceException.Kind.UNAVAILABLE,
                    "SPI " + options.spiBus() + "." + options.chipSelect() + ": " + e.getMessage(), e);
        }
        presence = new TagPresence(options.repeatWindowMs());
        polling = ctx.scheduler().scheduleAtFixedRate(this::poll, 0, options.pollIntervalMs());
    }

    private void checkVersion(DriverContext ctx) throws DeviceException {
        if (ChipVersion.noCommunication(version)) {
            throw new DeviceException(DeviceException.Kind.UNAVAILABLE, String.format(
                    "VersionReg reads 0x%02X: no MFRC522 answers on SPI %d.%d (not connected, no power, or MISO "
                            + "not wired)", version, options.spiBus(), options.chipSelect()));
        }
        ChipVersion chip = ChipVersion.of(version).orElseThrow(() -> new DeviceException(
                DeviceException.Kind.WRONG_DEVICE, String.format(
                        "VersionReg reads 0x%02X, which is no MFRC522 (expected 0x91 or 0x92)", version)));
        if (!chip.genuine() && !options.acceptClones()) {
            throw new DeviceException(DeviceException.Kind.WRONG_DEVICE, String.format(
                    "VersionReg reads 0x%02X (%s) and accept-clones is false", version, chip.label()));
        }
        if (!chip.genuine()) {
            LOG.info("{}: reader chip is a {} (VersionReg 0x{}), reading UIDs as an MFRC522", ctx.deviceId(),
                    chip.label(), Integer.toHexString(version));
        }
    }

    private void poll() {
        if (broken) {
            return;
        }
        try {
            int now = reader.version();
            if (now != version) {
                failWith(DeviceException.Kind.UNAVAILABLE, String.format(
                        "VersionReg changed from 0x%02X to 0x%02X: module unplugged, reset or wiring loose",
                        version, now));
                return;
            }
            handle(reader.scan());
        } catch (BusException e) {
            failWith(e.isTimeout() ? DeviceException.Kind.TIMEOUT : DeviceException.Kind.BUS_ERROR,
                    "SPI transfer failed: " + e.getMessage());
        }
    }

    private void handle(ScanResult result) {
        if (result instanceof ScanResult.Tag tag) {
            if (presence.sighted(tag.uidHex(), context.clock().monotonicNanos())) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("uid", tag.uidHex());
                value.put("uid_bytes", tag.uid().length);
                value.put("atqa", UidAssembler.hex(tag.atqa()));
                value.put("sak", String.format("%02X", tag.sak()));
                context.emit(context.clock().wallMillis(), value);
            }
        } else if (result instanceof ScanResult.Rejected r) {
            context.reject(r.reason(), r.detail());
        } else if (result instanceof ScanResult.ChipStuck s) {
            failWith(DeviceException.Kind.TIMEOUT, s.detail());
        }
    }

    private void failWith(DeviceException.Kind kind, String message) {
        broken = true;
        context.fail(new DeviceException(kind, message));
    }

    @Override
    public void stop() {
        Scheduler.Cancellable p = polling;
        if (p != null) {
            p.cancel();
        }
        SpiDevice s = spi;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing SPI failed", e);
            }
        }
    }
}
