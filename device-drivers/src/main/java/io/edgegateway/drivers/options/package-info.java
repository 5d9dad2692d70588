/**
 * Option declarations: one {@link io.edgegateway.drivers.options.OptionSchema} per driver type lists its
 * {@link io.edgegateway.drivers.options.OptionSpec}s (key, type, unit, default, limits, choices, description,
 * role). A web form enumerates the specs; the validator and the driver call
 * {@link io.edgegateway.drivers.options.OptionSchema#parse}, which rejects unknown keys with a "did you mean",
 * names the key, unit and limits of every bad value, and reports all problems in one
 * {@link io.edgegateway.drivers.options.InvalidOptionsException}.
 */
package io.edgegateway.drivers.options;
