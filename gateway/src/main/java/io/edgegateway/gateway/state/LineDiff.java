package io.edgegateway.gateway.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two config texts in the familiar form: unchanged lines start with two spaces, removed ones
 * with {@code "- "}, added ones with {@code "+ "}. It is the longest common subsequence of lines, which for
 * files of a few hundred lines is instant; above {@value #MAX_LINES} lines it falls back to "all removed, all
 * added" rather than spend quadratic memory on something that is not a config file.
 */
public final class LineDiff {
    static final int MAX_LINES = 5_000;

    private LineDiff() {
    }

    public static List<String> diff(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        List<String> out = new ArrayList<>();
        if ((long) a.length * b.length > (long) MAX_LINES * MAX_LINES / 4) {
            for (String s : a) {
                out.add("- " + s);
            }
            for (String s : b) {
                out.add("+ " + s);
            }
            return out;
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add("  " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // On a tie the removal comes first, so a changed line reads "- old" then "+ new".
                out.add("- " + a[i++]);
            } else {
                out.add("+ " + b[j++]);
            }
        }
        return out;
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        return (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
    }
}
