package io.edgegateway.drivers.nmea;

import java.util.ArrayList;
import java.util.List;

/** Collects fixes and rejects in arrival order. */
final class RecordingNmeaListener implements NmeaDecoder.Listener {
    final List<GgaFix> gga = new ArrayList<>();
    final List<RmcFix> rmc = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final List<String> all = new ArrayList<>();

    @Override
    public void onGga(GgaFix fix) {
        gga.add(fix);
        all.add(fix.toString());
    }

    @Override
    public void onRmc(RmcFix fix) {
        rmc.add(fix);
        all.add(fix.toString());
    }

    @Override
    public void onReject(String reason, String detail) {
        rejects.add(reason);
        all.add("reject " + reason);
    }
}
