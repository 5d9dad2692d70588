package io.edgegateway.uplink;

import java.nio.file.Path;

/** How tests start child JVMs: the same java binary and class path as the test JVM. */
final class ChildJvm {
    private ChildJvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire's class path (its manifest-only jar references every test dependency). */
    static String classPath() {
        return System.getProperty("java.class.path");
    }
}
