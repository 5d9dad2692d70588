package io.edgegateway.drivers.rdm6300;

import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder reports, tags and rejects in one ordered list for equality checks. */
final class RecordingListener implements Rdm6300Decoder.Listener {
    final List<Em4100Tag> tags = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final List<String> all = new ArrayList<>();

    @Override
    public void onTag(Em4100Tag tag) {
        tags.add(tag);
        all.add("tag " + tag.hex());
    }

    @Override
    public void onReject(String reason, String detail) {
        rejects.add(reason);
        all.add("reject " + reason);
    }
}
