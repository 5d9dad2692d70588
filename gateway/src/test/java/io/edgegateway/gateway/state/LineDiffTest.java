package io.edgegateway.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void identicalEmptyAndOneSidedTexts() {
        assertEquals(List.of("  a", "  b"), LineDiff.diff("a\nb\n", "a\nb"));
        assertEquals(List.of(), LineDiff.diff("", ""));
        assertEquals(List.of("+ a"), LineDiff.diff("", "a\n"));
        assertEquals(List.of("- a", "- b"), LineDiff.diff("a\nb\n", ""));
    }

    @Test
    void movedBlocksAndBlankLinesKeepTheirPlace() {
        assertEquals(List.of("- x", "  a", "  ", "  b", "+ x"), LineDiff.diff("x\na\n\nb\n", "a\n\nb\nx\n"));
    }

    @Test
    void hugeTextsFallBackToReplaceAll() {
        String big = "line\n".repeat(LineDiff.MAX_LINES);
        List<String> d = LineDiff.diff(big, big + "more\n");
        assertEquals(2 * LineDiff.MAX_LINES + 1, d.size());
        assertEquals("- line", d.get(0));
        assertEquals("+ more", d.get(d.size() - 1));
    }
}
