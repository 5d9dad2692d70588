package io.edgegateway.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state database on a temp file, with a clock the test moves. */
class StateStoreTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(1_764_000_000_000L);
    private StateStore store;

    /** A {@link Clock} whose time only changes when the test says so. */
    static final class MutableClock extends Clock {
        private long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void advance(Duration d) {
            millis += d.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void open() {
        store = StateStore.open(dir.resolve("state.db"), clock, 1_000);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void schemaIsMigratedOnceAndTheFileIsInWalMode() throws Exception {
        assertEquals(Migrations.latest(), store.schemaVersion());
        store.revisions().add("board: a\n", "admin", "first");
        store.close();
        store = StateStore.open(dir.resolve("state.db"), clock, 1_000);
        assertEquals(1, store.revisions().history(10).size(), "reopening keeps data and does not migrate again");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() throws Exception {
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
        }
        StateException e = assertThrows(StateException.class,
                () -> StateStore.open(dir.resolve("state.db"), clock, 1_000));
        assertTrue(e.getMessage().contains("written by a newer edge-gateway"), e.getMessage());
        store = StateStore.open(dir.resolve("other.db"), clock, 1_000);
    }

    @Test
    void configRevisionsKeepHistoryDiffAndRollBackAsANewRevision() {
        ConfigRevisions r = store.revisions();
        long one = r.add("board: a\nweb:\n  port: 80\n", "admin", "first");
        clock.advance(Duration.ofMinutes(5));
        long two = r.add("board: a\nweb:\n  port: 8080\n  bind: 0.0.0.0\n", "ops", "open the page");
        assertEquals(List.of("  board: a", "  web:", "-   port: 80", "+   port: 8080", "+   bind: 0.0.0.0"),
                r.diff(one, two));
        ConfigRevision back = r.rollback(one, "admin");
        assertEquals(3, back.revision());
        assertEquals("rollback to 1", back.comment());
        assertEquals(r.get(one).orElseThrow().text(), back.text());
        assertEquals(List.of(3L, 2L, 1L), r.history(10).stream().map(ConfigRevision::revision).toList());
        assertEquals(1_764_000_300_000L, r.get(two).orElseThrow().createdMs());
        assertEquals(Optional.of(back), r.latest());
        StateException e = assertThrows(StateException.class, () -> r.rollback(9, "admin"));
        assertEquals("there is no config revision 9", e.getMessage());
    }

    @Test
    void usersLogInWithTheirPasswordAndSessionsExpire() {
        Users u = store.users();
        u.create("admin", "admin", "correct horse battery");
        assertEquals(Optional.of(new Users.User("admin", "admin")), u.verify("admin", "correct horse battery"));
        assertEquals(Optional.empty(), u.verify("admin", "wrong password!"));
        assertEquals(Optional.empty(), u.verify("nobody", "correct horse battery"));
        String token = u.startSession("admin", Duration.ofHours(1));
        assertEquals("admin", u.session(token).orElseThrow().userName());
        assertEquals(Optional.empty(), u.session(token + "x"));
        clock.advance(Duration.ofMinutes(61));
        assertEquals(Optional.empty(), u.session(token), "expired");
        assertEquals(1, u.purgeExpiredSessions());
    }

    @Test
    void changingAPasswordEndsSessionsAndDeletingAUserEndsTheirs() {
        Users u = store.users();
        u.create("ops", "viewer", "first password");
        String token = u.startSession("ops", Duration.ofHours(1));
        u.changePassword("ops", "second password");
        assertEquals(Optional.empty(), u.session(token));
        assertTrue(u.verify("ops", "second password").isPresent());
        String again = u.startSession("ops", Duration.ofHours(1));
        assertTrue(u.delete("ops"));
        assertEquals(Optional.empty(), u.session(again));
        assertFalse(u.delete("ops"));
    }

    @Test
    void badUsersAreRefusedWithReasons() {
        Users u = store.users();
        assertEquals("passwords need at least 10 characters",
                assertThrows(StateException.class, () -> u.create("a", "admin", "short")).getMessage());
        assertTrue(assertThrows(StateException.class, () -> u.create("Bad Name", "admin", "long enough pw"))
                .getMessage().startsWith("user name 'Bad Name' is invalid"));
        assertEquals("role must be admin or viewer, not 'root'",
                assertThrows(StateException.class, () -> u.create("a", "root", "long enough pw")).getMessage());
        u.create("a", "viewer", "long enough pw");
        assertEquals("user 'a' already exists",
                assertThrows(StateException.class, () -> u.create("a", "admin", "long enough pw")).getMessage());
        assertEquals(List.of(new Users.User("a", "viewer")), u.list());
    }

    @Test
    void passwordHashesAreSaltedAndNeverThePassword() {
        PasswordHasher h = new PasswordHasher(1_000);
        String a = h.hash("correct horse battery");
        String b = h.hash("correct horse battery");
        assertNotEquals(a, b, "salted");
        assertFalse(a.contains("correct"));
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"), a);
        assertTrue(h.matches("correct horse battery", b));
        assertFalse(h.matches("correct horse battery", "md5$abc"));
    }

    @Test
    void inventoryTracksFirstAndLastSightingsAndKeepsNames() {
        Inventory inv = store.inventory();
        inv.deviceSeen("hall", "bme280", 1_000, "{\"t\":20}");
        inv.deviceSeen("hall", "bme280", 3_000, "{\"t\":21}");
        inv.deviceSeen("hall", "bme280", 2_000, "{\"t\":19}");
        assertTrue(inv.nameDevice("hall", "Hall climate"));
        assertFalse(inv.nameDevice("ghost", "x"));
        inv.deviceSeen("hall", "bme280", 4_000, "{\"t\":22}");
        assertEquals(new Inventory.Device("hall", "bme280", "Hall climate", 1_000, 4_000, "{\"t\":22}"),
                inv.device("hall").orElseThrow());
        inv.tagSeen("0F00A1B2C3", "door-reader", 5_000);
        inv.tagSeen("0F00A1B2C3", "gate-reader", 6_000);
        inv.tagSeen("0F00A1B2C3", "door-reader", 5_500);
        inv.nameTag("0F00A1B2C3", "Alice's badge");
        assertEquals(List.of(new Inventory.Tag("0F00A1B2C3", "Alice's badge", 5_000, 6_000, "gate-reader")), inv.tags());
    }

    @Test
    void auditLogIsOrderedAndRefusesFreeFormActions() {
        AuditLog a = store.audit();
        a.record("admin", "login", "from 192.0.2.7");
        clock.advance(Duration.ofSeconds(1));
        a.record("admin", "config-applied", "revision 2");
        List<AuditEntry> all = a.since(0, 10);
        assertEquals(List.of("login", "config-applied"), all.stream().map(AuditEntry::action).toList());
        assertEquals(1_764_000_001_000L, all.get(1).timeMs());
        assertEquals(List.of(all.get(1)), a.since(all.get(0).id(), 10));
        assertThrows(IllegalArgumentException.class, () -> a.record("admin", "Logged In", ""));
    }

    @Test
    void bootClocksKeepTheFirstTruthPerBoot() {
        store.bootClocks().record("boot-1", 1_000);
        store.bootClocks().record("boot-1", 2_000);
        clock.advance(Duration.ofSeconds(1));
        store.bootClocks().record("boot-2", 3_000);
        assertEquals(java.util.Map.of("boot-1", 1_000L, "boot-2", 3_000L), store.bootClocks().all());
    }

    @Test
    void aVersionOneDatabaseIsMigratedToTheLatestKeepingItsData() throws Exception {
        store.close();
        Path old = dir.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            for (String sql : Migrations.STEPS.get(0).split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO audit(time_ms, actor, action, detail) VALUES (1, 'admin', 'login', '')");
        }
        store = StateStore.open(old, clock, 1_000);
        assertEquals(Migrations.latest(), store.schemaVersion());
        assertEquals(1, store.audit().since(0, 10).size());
        store.bootClocks().record("b", 1);
        assertEquals(1, store.bootClocks().all().size());
    }

    @Test
    void aFailedTransactionStoresNothing() {
        store.users().create("ops", "viewer", "first password");
        String token = store.users().startSession("ops", Duration.ofHours(1));
        assertThrows(StateException.class, () -> store.users().changePassword("nobody", "another password"));
        assertTrue(store.users().session(token).isPresent(), "the failed change touched no session");
    }
}
