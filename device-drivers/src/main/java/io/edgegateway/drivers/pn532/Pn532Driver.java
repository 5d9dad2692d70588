package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverContext;
import io.edgegateway.drivers.RepeatFilter;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.RawI2cBuses;
import io.edgegateway.drivers.bus.SerialParams;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a PN532 as an ISO 14443A reader. Nothing blocks: a task on the context's scheduler runs every
 * {@link #TICK_MILLIS}, reads what the chip sent and moves one command exchange along (send, await ACK, await
 * response; UM0701 §6.2). Start-up sends SAMConfiguration (normal mode, leaving LowVbat), GetFirmwareVersion
 * (the IC byte must be {@code 32}, else this is not a PN532) and RFConfiguration MaxRetries, which limits
 * passive activation retries so InListPassiveTarget answers "no target" promptly instead of waiting for a
 * card forever (its default; Adafruit-PN532 and libnfc do the same). Then it polls InListPassiveTarget
 * (one target, 106 kbps type A) and emits each new UID, with repeats suppressed by a {@link RepeatFilter}.
 *
 * <p>Errors: a NACK or an error frame from the chip means it did not understand the frame, so the command is
 * sent again; a response with a bad checksum is answered with a NACK, which makes the chip repeat it; a
 * missing ACK or response is a timeout, after which a pending command is aborted with an ACK and sent again
 * (on HSU after a fresh wake-up). Each of these counts a reject; {@code max-retries} of them in a row fail
 * the device, and the supervisor restarts it with backoff.
 */
final class Pn532Driver implements Driver, Pn532FrameDecoder.Listener {
    static final long TICK_MILLIS = 10;
    /** Reject reasons of the exchange (frame-level ones are in {@link Pn532FrameDecoder}). */
    static final String TIMEOUT = "timeout";
    static final String NACK = "nack";
    static final String ERROR_FRAME = "error-frame";
    static final String UNEXPECTED = "unexpected-frame";

    /** InListPassiveTarget, MaxTg 1, BrTy 0x00 (106 kbps ISO 14443 type A). */
    private static final byte[] POLL = Pn532Codec.command(Pn532Codec.IN_LIST_PASSIVE_TARGET, (byte) 0x01,
            (byte) 0x00);

    private enum Phase { IDLE, AWAIT_ACK, AWAIT_RESPONSE }

    private final Pn532Options options;
    private final Buses buses;
    private final Pn532FrameDecoder decoder = new Pn532FrameDecoder();
    private final RepeatFilter repeats;
    private final Deque<byte[]> setup = new ArrayDeque<>(List.of(
            Pn532Codec.command(Pn532Codec.SAM_CONFIGURATION, (byte) 0x01, (byte) 0x14, (byte) 0x01),
            Pn532Codec.command(Pn532Codec.GET_FIRMWARE_VERSION),
            // CfgItem 0x05 MaxRetries: MxRtyATR 0xFF (default), MxRtyPSL 0x01 (default), MxRtyPassiveActivation 2
            Pn532Codec.command(Pn532Codec.RF_CONFIGURATION, (byte) 0x05, (byte) 0xFF, (byte) 0x01, (byte) 0x02)));

    private DriverContext context;
    private Pn532Transport transport;
    private Scheduler.Cancellable tick;
    private Phase phase = Phase.IDLE;
    private byte[] current;
    private long deadlineNanos;
    private long nextPollNanos;
    private int failuresInRow;
    private boolean stopped;

    Pn532Driver(Pn532Options options, Buses buses) {
        this.options = options;
        this.buses = buses;
        this.repeats = new RepeatFilter(options.repeatWindowMs());
    }

    @Override
    public void start(DriverContext ctx) throws DeviceException {
        this.context = ctx;
        transport = open();
        tick = ctx.scheduler().scheduleAtFixedRate(this::tick, 0, TICK_MILLIS);
    }

    private Pn532Transport open() throws DeviceException {
        try {
            if (options.hsu()) {
                return new HsuTransport(buses.serial(options.port(), SerialParams.of8N1(options.baud())));
            }
            if (!(buses instanceof RawI2cBuses raw)) {
                throw new DeviceException(DeviceException.Kind.MISCONFIGURED, "this gateway's I2C adapter cannot do "
                        + "plain I2C transfers, which the PN532 needs; use interface hsu");
            }
            return new I2cTransport(raw.rawI2c(options.i2cBus(), options.i2cAddress()));
        } catch (BusException e) {
            String where = options.hsu() ? options.port()
                    : String.format("I2C bus %d address 0x%02X", options.i2cBus(), options.i2cAddress());
            throw new DeviceException(DeviceException.Kind.UNAVAILABLE, "cannot open " + where + ": "
                    + e.getMessage(), e);
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        try {
            if (phase != Phase.IDLE) {
                transport.receive(decoder, this, phase == Phase.AWAIT_ACK);
            }
            long now = context.clock().monotonicNanos();
            if (phase != Phase.IDLE && now - deadlineNanos >= 0) {
                timedOut();
            }
            if (phase == Phase.IDLE && !stopped) {
                if (!setup.isEmpty()) {
                    send(setup.peek());
                } else if (now - nextPollNanos >= 0) {
                    send(POLL);
                }
            }
        } catch (BusException e) {
            halt(new DeviceException(e.isTimeout() ? DeviceException.Kind.TIMEOUT : DeviceException.Kind.UNAVAILABLE,
                    "PN532 bus error: " + e.getMessage(), e));
        }
    }

    private void send(byte[] frame) throws BusException {
        current = frame;
        decoder.reset();
        transport.send(frame);
        phase = Phase.AWAIT_ACK;
        deadlineNanos = context.clock().monotonicNanos() + options.ackTimeoutMs() * 1_000_000;
    }

    private void timedOut() throws BusException {
        boolean ack = phase == Phase.AWAIT_ACK;
        String detail = String.format("no %s to command %02X within %d ms", ack ? "ACK" : "response",
                current[6] & 0xFF, ack ? options.ackTimeoutMs() : options.responseTimeoutMs());
        if (phase == Phase.AWAIT_RESPONSE) {
            // The host may abort a running command by sending an ACK (PN532 user manual UM0701).
            transport.send(Pn532Codec.ACK);
        }
        transport.wakeOnNextSend();
        retryOrFail(TIMEOUT, detail);
    }

    /** Counts a failed exchange; the command is sent again on the next tick unless too many failed in a row. */
    private void retryOrFail(String reason, String detail) {
        context.reject(reason, detail);
        phase = Phase.IDLE;
        if (++failuresInRow >= options.maxRetries()) {
            halt(new DeviceException(reason.equals(TIMEOUT) ? DeviceException.Kind.TIMEOUT
                    : DeviceException.Kind.BUS_ERROR, failuresInRow + " failed exchanges in a row, last: " + detail));
        }
    }

    @Override
    public void onFrame(Pn532Frame frame) {
        if (stopped) {
            return;
        }
        switch (phase) {
            case AWAIT_ACK -> onFrameAwaitingAck(frame);
            case AWAIT_RESPONSE -> onFrameAwaitingResponse(frame);
            case IDLE -> context.reject(UNEXPECTED, "unsolicited " + frame);
        }
    }

    private void onFrameAwaitingAck(Pn532Frame frame) {
        if (frame instanceof Pn532Frame.Ack) {
            phase = Phase.AWAIT_RESPONSE;
            deadlineNanos = context.clock().monotonicNanos() + options.responseTimeoutMs() * 1_000_000;
        } else if (frame instanceof Pn532Frame.Nack) {
            retryOrFail(NACK, String.format("chip refused command %02X", current[6] & 0xFF));
        } else if (frame instanceof Pn532Frame.ErrorFrame) {
            retryOrFail(ERROR_FRAME, String.format("syntax error reported for command %02X", current[6] & 0xFF));
        } else {
            context.reject(UNEXPECTED, frame + " before the ACK");
        }
    }

    private void onFrameAwaitingResponse(Pn532Frame frame) {
        if (frame instanceof Pn532Frame.ErrorFrame) {
            retryOrFail(ERROR_FRAME, String.format("error frame for command %02X", current[6] & 0xFF));
            return;
        }
        if (!(frame instanceof Pn532Frame.Response r) || r.code() != (current[6] & 0xFF) + 1) {
            context.reject(UNEXPECTED, frame + " while waiting for the answer to " + (current[6] & 0xFF));
            return;
        }
        phase = Phase.IDLE;
        failuresInRow = 0;
        handle(r);
    }

    private void handle(Pn532Frame.Response r) {
        byte[] data = r.data();
        switch (r.code() - 1) {
            case Pn532Codec.GET_FIRMWARE_VERSION -> {
                if (data.length < 4 || data[0] != 0x32) {
                    halt(new DeviceException(DeviceException.Kind.WRONG_DEVICE, "GetFirmwareVersion answered "
                            + Pn532Codec.hex(data) + ", expected IC 32 (PN532)"));
                    return;
                }
                setup.poll();
            }
            case Pn532Codec.IN_LIST_PASSIVE_TARGET -> {
                nextPollNanos = context.clock().monotonicNanos() + options.pollIntervalMs() * 1_000_000;
                targets(data);
            }
            default -> setup.poll();
        }
    }

    private void targets(byte[] data) {
        List<Iso14443aTarget> found;
        try {
            found = Iso14443aTarget.parseInList(data);
        } catch (Iso14443aTarget.Malformed m) {
            context.reject(m.reason(), m.getMessage());
            return;
        }
        for (Iso14443aTarget t : found) {
            if (repeats.isNew(t.uidHex(), context.clock().monotonicNanos())) {
                context.emit(context.clock().wallMillis(), event(t));
            }
        }
    }

    private static Map<String, Object> event(Iso14443aTarget t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uid", t.uidHex());
        v.put("uid_length", t.uid().length);
        v.put("atqa", String.format("%04X", t.sensRes()));
        v.put("sak", String.format("%02X", t.selRes()));
        v.put("random_uid", t.randomUid());
        if (t.ats().length > 0) {
            v.put("ats", Pn532Codec.hex(t.ats()));
        }
        return v;
    }

    @Override
    public void onReject(String reason, String detail) {
        context.reject(reason, detail);
        if (phase == Phase.AWAIT_RESPONSE && (reason.equals(Pn532FrameDecoder.BAD_DCS)
                || reason.equals(Pn532FrameDecoder.BAD_LCS))) {
            try {
                // A NACK from the host asks the PN532 to send its last response again (UM0701 frame protocol).
                transport.send(Pn532Codec.NACK);
            } catch (BusException e) {
                halt(new DeviceException(DeviceException.Kind.UNAVAILABLE, "PN532 bus error: " + e.getMessage(), e));
            }
        }
    }

    private void halt(DeviceException cause) {
        stopped = true;
        if (tick != null) {
            tick.cancel();
        }
        context.fail(cause);
    }

    @Override
    public void stop() {
        stopped = true;
        if (tick != null) {
            tick.cancel();
        }
        if (transport != null) {
            transport.close();
        }
    }
}
