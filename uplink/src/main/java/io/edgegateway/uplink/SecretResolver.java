package io.edgegateway.uplink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves secret references in option values: {@code ${file:/etc/edge/kafka.secret}} is replaced by the
 * file's content (trailing newline removed) and {@code ${env:KAFKA_PASSWORD}} by an environment variable.
 * Any other value is returned as is. The environment and the file reader are parameters, so tests do not
 * depend on the process environment. Errors name the option key but never a secret value.
 */
final class SecretResolver {
    private final Function<String, String> env;
    private final Function<Path, String> files;

    SecretResolver(Function<String, String> env, Function<Path, String> files) {
        this.env = env;
        this.files = files;
    }

    static SecretResolver system() {
        return new SecretResolver(System::getenv, SecretResolver::readFile);
    }

    static SecretResolver of(Map<String, String> env) {
        return new SecretResolver(env::get, SecretResolver::readFile);
    }

    static boolean isReference(String value) {
        String v = value.trim();
        return (v.startsWith("${file:") || v.startsWith("${env:")) && v.endsWith("}");
    }

    String resolve(String key, String value) {
        if (!isReference(value)) {
            return value;
        }
        String v = value.trim();
        if (v.startsWith("${env:")) {
            String name = v.substring("${env:".length(), v.length() - 1);
            String out = env.apply(name);
            if (out == null) {
                throw new IllegalArgumentException(key + " refers to environment variable " + name + ", which is not set");
            }
            return out;
        }
        Path file = Path.of(v.substring("${file:".length(), v.length() - 1));
        try {
            return files.apply(file);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " refers to file " + file + ", which cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    private static String readFile(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            // Secret files are usually written with echo or an editor; the final newline is not part of the secret.
            return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            throw new IllegalStateException(e.getClass().getSimpleName(), e);
        }
    }
}
