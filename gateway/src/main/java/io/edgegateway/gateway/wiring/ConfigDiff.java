package io.edgegateway.gateway.wiring;

import io.edgegateway.gateway.config.DeviceConfig;
import io.edgegateway.gateway.config.GatewayConfig;
import io.edgegateway.gateway.config.UplinkSettings;
import io.edgegateway.log.TopicConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changes between two valid configs, so a reconfiguration touches only that: devices to stop (removed
 * or changed) and to start (added or changed), topics to create or update, and settings that only take
 * effect after a restart (the log's disk budget and the web listener are bound when the gateway starts).
 * A device is "changed" when its type, topic or options differ; every other device keeps running. Topics
 * missing from the new config keep their data in the log: deleting stored events is never a side effect of
 * an edit. The uplink counts as changed when its settings, with the defaults taken from the gateway id and
 * the topics, differ (a rotated secret too), and always on the first config, which starts it or says there
 * is none. Pure: computed from the two configs alone.
 */
public record ConfigDiff(List<String> devicesToStop, List<DeviceConfig> devicesToStart,
                         List<TopicConfig> topicsToCreate, List<TopicConfig> topicsToUpdate,
                         List<String> needRestart, boolean uplinkChanged) {

    public static ConfigDiff between(Optional<GatewayConfig> before, GatewayConfig after) {
        Map<String, DeviceConfig> old = before.map(c -> byId(c.devices(), DeviceConfig::id)).orElse(Map.of());
        Map<String, TopicConfig> oldTopics = before.map(c -> byId(c.topics(), TopicConfig::name)).orElse(Map.of());
        List<String> stop = new ArrayList<>();
        List<DeviceConfig> start = new ArrayList<>();
        for (DeviceConfig d : old.values()) {
            if (after.device(d.id()).filter(d::equals).isEmpty()) {
                stop.add(d.id());
            }
        }
        for (DeviceConfig d : after.devices()) {
            if (!d.equals(old.get(d.id()))) {
                start.add(d);
            }
        }
        List<TopicConfig> create = new ArrayList<>();
        List<TopicConfig> update = new ArrayList<>();
        for (TopicConfig t : after.topics()) {
            TopicConfig was = oldTopics.get(t.name());
            if (was == null) {
                create.add(t);
            } else if (!was.equals(t)) {
                update.add(t);
            }
        }
        List<String> restart = new ArrayList<>();
        before.ifPresent(b -> {
            if (b.diskBudgetBytes() != after.diskBudgetBytes()) {
                restart.add("log.disk-budget");
            }
            if (!b.web().equals(after.web())) {
                restart.add("web");
            }
        });
        boolean uplink = before.map(b -> !UplinkSettings.flat(b).equals(UplinkSettings.flat(after))).orElse(true);
        return new ConfigDiff(List.copyOf(stop), List.copyOf(start), List.copyOf(create), List.copyOf(update),
                List.copyOf(restart), uplink);
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    public boolean isEmpty() {
        return devicesToStop.isEmpty() && devicesToStart.isEmpty() && topicsToCreate.isEmpty()
                && topicsToUpdate.isEmpty() && needRestart.isEmpty() && !uplinkChanged;
    }

    @Override
    public String toString() {
        return "stop " + devicesToStop + ", start " + devicesToStart.stream().map(DeviceConfig::id).toList()
                + ", create topics " + topicsToCreate.stream().map(TopicConfig::name).toList() + ", update topics "
                + topicsToUpdate.stream().map(TopicConfig::name).toList()
                + (uplinkChanged ? ", restart the uplink" : "")
                + (needRestart.isEmpty() ? "" : ", after a restart: " + needRestart);
    }
}
