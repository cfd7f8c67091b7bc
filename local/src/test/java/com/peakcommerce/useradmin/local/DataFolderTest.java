package com.peakcommerce.useradmin.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without --in-memory the data stays in the data folder, and the seed finds its tenant again. */
class DataFolderTest {
    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsTheDataAndSeedsNothingTwice() throws Exception {
        Path template = LocalServer.Options.findTemplate(Path.of("").toAbsolutePath());
        String adminId;
        String profileId;
        try (LocalServer first = LocalServer.start(new LocalServer.Options(0, false, dataDir, template))) {
            adminId = first.admin().id();
            profileId = first.standardProfile().id();
            assertEquals(2, first.outbox().mails().size(), "the activation mails of the two seeded tenants' admins");
        }
        assertTrue(Files.exists(dataDir.resolve(LocalDatabase.DB_FILE)));

        try (LocalServer second = LocalServer.start(new LocalServer.Options(0, false, dataDir, template))) {
            assertEquals(adminId, second.admin().id());
            assertEquals(profileId, second.standardProfile().id());
            assertEquals(0, second.outbox().mails().size(), "no second bootstrap");
            var list = LocalServerTest.send(second, "GET", "/profiles", "Bearer " + second.adminToken(), null);
            assertEquals(200, list.statusCode(), list.body());
            assertEquals(1, list.body().split("\"Standard\"", -1).length - 1, list.body());
        }
    }
}
