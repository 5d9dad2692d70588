package io.edgegateway.gateway.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * User accounts (name, role {@code admin} or {@code viewer}, password hash) and login sessions. A session
 * token is 32 random bytes handed to the browser once; only its SHA-256 is stored, so a copy of the database
 * does not let anyone log in. Sessions expire at a fixed time and are checked against the store's clock.
 */
public final class Users {
    /** A user as the web layer sees it. */
    public record User(String name, String role) {
    }

    /** A live session: whose, and until when. */
    public record Session(String userName, String role, long expiresMs) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final StateStore store;
    private final PasswordHasher hasher;

    Users(StateStore store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    public void create(String name, String role, String password) {
        if (!name.matches("[a-z][a-z0-9._-]{0,31}")) {
            throw new StateException("user name '" + name + "' is invalid: use 1 to 32 of a-z 0-9 . _ -, starting with a letter");
        }
        if (!role.equals("admin") && !role.equals("viewer")) {
            throw new StateException("role must be admin or viewer, not '" + role + "'");
        }
        checkPassword(password);
        String hash = hasher.hash(password);
        long now = store.now();
        store.call(c -> {
            if (find(name).isPresent()) {
                throw new StateException("user '" + name + "' already exists");
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO user_account(name, role, password_hash, created_ms) VALUES (?, ?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, role);
                s.setString(3, hash);
                s.setLong(4, now);
                return s.executeUpdate();
            }
        });
    }

    private static void checkPassword(String password) {
        if (password.length() < 10) {
            throw new StateException("passwords need at least 10 characters");
        }
    }

    public Optional<User> find(String name) {
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT name, role FROM user_account WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new User(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    public List<User> list() {
        return store.call(c -> {
            List<User> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT name, role FROM user_account ORDER BY name")) {
                while (rs.next()) {
                    out.add(new User(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /** The user if the password is right; empty for a wrong password and an unknown name alike. */
    public Optional<User> verify(String name, String password) {
        Optional<String> stored = store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT password_hash FROM user_account WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        if (stored.isEmpty()) {
            // Spend the same time as a real check, so response times do not reveal which names exist.
            hasher.matches(password, hasher.hash("not-a-user-password"));
            return Optional.empty();
        }
        return hasher.matches(password, stored.get()) ? find(name) : Optional.empty();
    }

    /** Sets a new password and ends every session of the user. */
    public void changePassword(String name, String newPassword) {
        checkPassword(newPassword);
        String hash = hasher.hash(newPassword);
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE user_account SET password_hash = ? WHERE name = ?");
                 PreparedStatement d = c.prepareStatement("DELETE FROM session WHERE user_name = ?")) {
                s.setString(1, hash);
                s.setString(2, name);
                if (s.executeUpdate() == 0) {
                    throw new StateException("there is no user '" + name + "'");
                }
                d.setString(1, name);
                return d.executeUpdate();
            }
        });
    }

    /** Deletes a user; their sessions go with them (foreign key cascade). */
    public boolean delete(String name) {
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM user_account WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Starts a session and returns its token; the token is not stored and cannot be recovered. */
    public String startSession(String name, Duration lifetime) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long now = store.now();
        store.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO session(token_hash, user_name, created_ms, expires_ms) VALUES (?, ?, ?, ?)")) {
                s.setString(1, sha256(token));
                s.setString(2, name);
                s.setLong(3, now);
                s.setLong(4, now + lifetime.toMillis());
                return s.executeUpdate();
            }
        });
        return token;
    }

    /** The session of a token, if it exists and has not expired. */
    public Optional<Session> session(String token) {
        long now = store.now();
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT s.user_name, u.role, s.expires_ms FROM session s "
                    + "JOIN user_account u ON u.name = s.user_name WHERE s.token_hash = ? AND s.expires_ms > ?")) {
                s.setString(1, sha256(token));
                s.setLong(2, now);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Session(rs.getString(1), rs.getString(2), rs.getLong(3)))
                            : Optional.empty();
                }
            }
        });
    }

    public void endSession(String token) {
        store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM session WHERE token_hash = ?")) {
                s.setString(1, sha256(token));
                return s.executeUpdate();
            }
        });
    }

    /** Deletes expired sessions; returns how many. Housekeeping calls it now and then. */
    public int purgeExpiredSessions() {
        long now = store.now();
        return store.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM session WHERE expires_ms <= ?")) {
                s.setLong(1, now);
                return s.executeUpdate();
            }
        });
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
