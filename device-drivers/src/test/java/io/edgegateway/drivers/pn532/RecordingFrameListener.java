package io.edgegateway.drivers.pn532;

import java.util.ArrayList;
import java.util.List;

/** Collects frames and rejects in arrival order. */
final class RecordingFrameListener implements Pn532FrameDecoder.Listener {
    final List<Pn532Frame> frames = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final List<String> all = new ArrayList<>();

    @Override
    public void onFrame(Pn532Frame frame) {
        frames.add(frame);
        all.add(frame.toString());
    }

    @Override
    public void onReject(String reason, String detail) {
        rejects.add(reason);
        all.add("reject " + reason);
    }
}
