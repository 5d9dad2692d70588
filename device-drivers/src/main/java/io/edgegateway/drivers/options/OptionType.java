package io.edgegateway.drivers.options;

/**
 * The value kinds an option can have; a web form maps each to an input element (number field, checkbox,
 * text field, select), and a config validator to a parse rule.
 */
public enum OptionType {
    /** A whole number within {@code [min, max]}, held as {@code long}. */
    INTEGER,
    /** A decimal number within {@code [min, max]}, held as {@code double}. */
    DECIMAL,
    BOOLEAN,
    /** Free text, optionally constrained by a regular expression. */
    STRING,
    /** One of a fixed list of strings. */
    CHOICE
}
