package io.edgegateway.drivers.options;

/**
 * One thing wrong with one option key; {@link InvalidOptionsException} carries all of them so a config file
 * is reported in one pass. The message names the key, and for numbers the unit and limits.
 */
public final class OptionProblem extends Exception {
    private final String key;

    public OptionProblem(String key, String message) {
        super(message, null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** "option 'period': 0 is outside the limits of s between 1 and 86400". */
    @Override
    public String toString() {
        return "option '" + key + "': " + getMessage();
    }
}
