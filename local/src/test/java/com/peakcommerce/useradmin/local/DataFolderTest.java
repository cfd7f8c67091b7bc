package com.peakcommerce.useradmin.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without --in-memory the table is saved in the data folder when the server stops and loaded when it starts again: the seed finds its tenants. */
class DataFolderTest {
    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsTheDataAndSeedsNothingTwice() throws Exception {
        Path template = LocalOptions.findTemplate(Path.of("").toAbsolutePath());
        String adminId;
        String profileId;
        java.util.List<String> seededIds;
        try (LocalServer first = LocalServer.start(new LocalOptions(0, false, dataDir, template))) {
            adminId = first.admin().id();
            profileId = first.standardProfile().id();
            assertEquals(first.tenant(LocalServer.DEMO_TENANT).users().size() + 1, first.outbox().mails().size(),
                    "the activation mails of demo's seeded users (one of every role) and acme's admin");
            seededIds = first.tenant(LocalServer.DEMO_TENANT).users().stream().map(u -> u.id()).toList();
        }
        assertTrue(Files.exists(dataDir.resolve(LocalServer.DEFAULT_TABLE + ".jsonl")), "the table was saved when the server stopped");

        try (LocalServer second = LocalServer.start(new LocalOptions(0, false, dataDir, template))) {
            assertEquals(adminId, second.admin().id());
            assertEquals(profileId, second.standardProfile().id());
            assertEquals(seededIds, second.tenant(LocalServer.DEMO_TENANT).users().stream().map(u -> u.id()).toList(), "the same seeded users, found again");
            assertEquals(0, second.outbox().mails().size(), "no second bootstrap");
            var list = LocalServerTest.send(second, "GET", "/profiles", "Bearer " + second.adminToken(), null);
            assertEquals(200, list.statusCode(), list.body());
            assertEquals(1, list.body().split("\"Standard\"", -1).length - 1, list.body());
        }
    }
}
