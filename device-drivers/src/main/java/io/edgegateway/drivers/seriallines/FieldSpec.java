package io.edgegateway.drivers.seriallines;

/**
 * One captured field: the named group it comes from, its type, and its unit. The event key is the group
 * name with the unit appended ({@code temperature} in {@code c} becomes {@code temperature_c}), following
 * the rule that event field names carry their unit.
 */
public record FieldSpec(String group, FieldType type, String unit) {
    public String eventKey() {
        return unit.isEmpty() ? group : group + "_" + unit;
    }
}
