package io.edgegateway.gateway.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references so passwords stay out of {@code gateway.yaml}: {@code ${env:NAME}} reads an
 * environment variable (systemd's {@code Environment=} or {@code EnvironmentFile=}), {@code ${file:/path}}
 * reads a file (one trailing newline is dropped, as editors add one). A reference must be the whole value.
 * The environment is a parameter so tests need not change the process environment.
 */
final class SecretResolver {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private final Function<String, String> environment;

    SecretResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    static SecretResolver system() {
        return new SecretResolver(System::getenv);
    }

    /** Whether the text is meant as a reference (it uses the {@code ${...}} syntax anywhere). */
    static boolean looksLikeReference(String text) {
        return text.contains("${");
    }

    /**
     * Whether the text uses {@code ${env:} or {@code ${file:} anywhere; for values where other {@code ${...}}
     * placeholders are legitimate, such as the uplink's {@code central.topic: edge.${topic}}.
     */
    static boolean namesReference(String text) {
        return text.contains("${env:") || text.contains("${file:");
    }

    /** The resolved secret, or null after recording why it could not be resolved. */
    Secret resolve(String text, Location where, String path, Problems problems) {
        Matcher m = REFERENCE.matcher(text.strip());
        if (!m.matches()) {
            problems.add(where, path, "a secret reference must be the whole value, as ${env:NAME} or ${file:/path}",
                    "write the reference alone, e.g. password: ${file:/etc/edge-gateway/kafka.password}");
            return null;
        }
        String kind = m.group(1);
        String target = m.group(2).strip();
        String reference = kind + ":" + target;
        if (kind.equals("env")) {
            if (!ENV_NAME.matcher(target).matches()) {
                problems.add(where, path, "'" + target + "' is not an environment variable name",
                        "use letters, digits and _ and do not start with a digit, e.g. ${env:KAFKA_PASSWORD}");
                return null;
            }
            String v = environment.apply(target);
            if (v == null) {
                problems.add(where, path, "environment variable " + target + " is not set",
                        "set it for the service (systemd: Environment= or EnvironmentFile=) or use ${file:/path}");
                return null;
            }
            return new Secret(reference, v);
        }
        return readFile(target, reference, where, path, problems);
    }

    private Secret readFile(String target, String reference, Location where, String path, Problems problems) {
        if (target.isEmpty() || !Path.of(target).isAbsolute()) {
            problems.add(where, path, "secret file '" + target + "' is not an absolute path",
                    "write the full path, e.g. ${file:/etc/edge-gateway/kafka.password}");
            return null;
        }
        Path file = Path.of(target);
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(where, path, "secret file " + file + " is larger than 64 KiB",
                        "point to a file holding only the secret");
                return null;
            }
            String v = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            if (v.endsWith("\r\n")) {
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("\n")) {
                v = v.substring(0, v.length() - 1);
            }
            return new Secret(reference, v);
        } catch (NoSuchFileException e) {
            problems.add(where, path, "secret file " + file + " does not exist",
                    "create it (readable only by the gateway's user: chmod 600) or fix the path");
        } catch (CharacterCodingException e) {
            problems.add(where, path, "secret file " + file + " is not UTF-8 text", "store the secret as text");
        } catch (IOException e) {
            problems.add(where, path, "secret file " + file + " cannot be read: " + e.getClass().getSimpleName(),
                    "check that the gateway's user may read it (owner and mode)");
        }
        return null;
    }
}
