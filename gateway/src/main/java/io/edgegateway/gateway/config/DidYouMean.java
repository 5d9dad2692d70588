package io.edgegateway.gateway.config;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keys and names: the candidate at the smallest edit distance, if that is a
 * plausible typo (at most a third of the word, at least one edit, at most three). The distance is Levenshtein's
 * plus swapping two neighbouring letters as one edit (optimal string alignment), because {@code prot} for
 * {@code port} is the most common slip and plain Levenshtein counts it as two. Case is ignored, so
 * {@code Port} suggests {@code port}.
 */
final class DidYouMean {
    private DidYouMean() {
    }

    static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** The fix hint for an unknown name: "did you mean 'port'?", or the list of valid names if none is close. */
    static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "did you mean '" + c + "'?")
                .orElse("use one of " + String.join(", ", candidates));
    }

    /** Edit distance with transpositions; words longer than 64 characters are never a typo of a key. */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
