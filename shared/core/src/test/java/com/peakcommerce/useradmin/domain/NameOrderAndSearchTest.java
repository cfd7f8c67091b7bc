package com.peakcommerce.useradmin.domain;

import com.peakcommerce.useradmin.domain.DomainException.Invalid;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The order of every name-sorted list (a shorter name first at every level, accents folded) and the
 * search words, against the real table: the defects an admin found in lists of prefix names.
 */
class NameOrderAndSearchTest {
    private final World world = World.seeded();

    private List<String> names(UserQuery query, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<User> page = world.directory.list(world.admin, query, limit, cursor);
            page.items().forEach(u -> seen.add(u.lastName() + ", " + u.firstName()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    private static UserQuery q(String q) {
        return new UserQuery(null, null, null, null, null, null, q, null);
    }

    private void seedPrefixNames() {
        world.seedUser(TENANT, "u-1", Role.CUSTOMER, "Pat", "Brownlee", "pat@example.com");
        world.seedUser(TENANT, "u-2", Role.CUSTOMER, "Jo", "Brown", "jo@example.com");
        world.seedUser(TENANT, "u-3", Role.CUSTOMER, "Ann", "Kimball", "ann@example.com");
        world.seedUser(TENANT, "u-4", Role.CUSTOMER, "Lee", "Kim", "lee@example.com");
        world.seedUser(TENANT, "u-5", Role.CUSTOMER, "Al", "Smithers", "al@example.com");
        world.seedUser(TENANT, "u-6", Role.CUSTOMER, "Jo", "Smith", "jo.smith@example.com");
        world.seedUser(TENANT, "u-7", Role.CUSTOMER, "Émile", "Abe", "emile@example.com");
        world.seedUser(TENANT, "u-8", Role.CUSTOMER, "Emil", "Abe", "emil@example.com");
        world.seedUser(TENANT, "u-9", Role.CUSTOMER, "Zoë", "Kìm", "zoe@example.com");
    }

    @Test
    void aShorterNameSortsFirstAtEveryLevelWithAccentsFoldedAcrossPages() {
        seedPrefixNames();
        List<String> expected = List.of("Abe, Emil", "Abe, Émile", "Admin, Ada", "Brown, Jo", "Brownlee, Pat",
                "Kim, Lee", "Kìm, Zoë", "Kimball, Ann", "Smith, Jo", "Smithers, Al");
        assertEquals(expected, names(UserQuery.ALL, 100));
        assertEquals(expected, names(UserQuery.ALL, 3), "the same order, page after page");
        assertEquals(expected.stream().filter(n -> !n.startsWith("Admin")).toList(),
                names(new UserQuery(Role.CUSTOMER, null, null, null, null, null, null, null), 2), "by role too");
    }

    @Test
    void profilesSortTheSameWay() {
        for (String name : List.of("Gold Plus", "Gold", "Gold Extra", "Golden")) world.profiles.create(world.admin, Map.of("name", name));
        List<String> listed = world.profiles.list(world.admin, 100, null).items().stream().map(Profile::name).toList();
        assertEquals(List.of("Gold", "Gold Extra", "Gold Plus", "Golden", "Standard"), listed);
    }

    @Test
    void aSearchsFirstWordIsALastNamePrefixAndItsSecondAFirstNamePrefix() {
        seedPrefixNames();
        assertEquals(List.of("Smith, Jo"), names(q("smi jo"), 10));
        assertEquals(List.of("Smith, Jo"), names(q("smith jo"), 10));
        assertEquals(List.of("Smith, Jo", "Smithers, Al"), names(q("SMITH"), 10));
        assertEquals(List.of("Smithers, Al"), names(q("smith a"), 10), "the last name is a prefix: Smithers matches smith");
        assertEquals(List.of("Abe, Emil", "Abe, Émile"), names(q("abe emil"), 10));
        assertEquals(List.of("Abe, Émile"), names(q("Abe, Émile"), 10));
        assertEquals(List.of("Kim, Lee", "Kìm, Zoë", "Kimball, Ann"), names(q("kim"), 10));
        assertEquals(List.of("Kìm, Zoë"), names(q("KIM zo"), 10));
        assertEquals(List.of(), names(q("smi zz"), 10));
    }

    @Test
    void aSearchThatFoldsToNothingIsRefusedNamingQ() {
        for (String q : List.of("\u0301", "\u0001", "\u0000", "a\u0000b", ",", "\ud800")) {
            var refused = assertThrows(Invalid.class, () -> world.directory.list(world.admin, q(q), 10, null), q);
            assertEquals("q", refused.errors().getFirst().field());
        }
    }
}
