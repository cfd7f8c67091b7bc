package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.DomainException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys and cursors as plain objects: how names sort, and that a cursor opens only the list it came from. */
class KeysAndCursorsTest {

    @Test
    void aShorterNameSortsFirstAndAccentsFoldAndTheIdComesBack() {
        String brown = Keys.nameKey("Brown", "Jo", "u-1");
        String brownlee = Keys.nameKey("Brownlee", "Pat", "u-2");
        assertTrue(brown.compareTo(brownlee) < 0, "Brown before Brownlee");
        assertEquals(Keys.nameKey("Kim", "Jo", "u-3").substring(0, 3), Keys.nameKey("Kìm", "Jo", "u-3").substring(0, 3), "accents folded");
        assertEquals("u-2", Keys.idOfNameKey(brownlee));
        assertTrue(Keys.user("demo", "u-1").get(Keys.PK).s().startsWith(Keys.tenantPrefix("demo")), "a user's key is inside its tenant");
    }

    @Test
    void aCursorOpensOnlyTheListItCameFrom() {
        Index index = Index.BY_NAME;
        String partition = Keys.usersList("demo");
        Map<String, AttributeValue> last = Map.of(
                Keys.PK, AttributeValue.fromS(Keys.user("demo", "u-1").get(Keys.PK).s()),
                Keys.SK, AttributeValue.fromS(Keys.user("demo", "u-1").get(Keys.SK).s()),
                index.partitionKey(), AttributeValue.fromS(partition),
                index.sortKey(), AttributeValue.fromS(Keys.nameKey("Brown", "Jo", "u-1")));

        String cursor = Cursors.encode(index, last);

        assertEquals(last, Cursors.decode(cursor, index, partition, Keys.tenantPrefix("demo")));
        assertNull(Cursors.decode(null, index, partition, Keys.tenantPrefix("demo")), "no cursor: the first page");
        assertThrows(DomainException.Invalid.class, () -> Cursors.decode(cursor, index, Keys.usersList("acme"), Keys.tenantPrefix("acme")),
                "another tenant's list");
        assertThrows(DomainException.Invalid.class, () -> Cursors.decode(cursor, Index.BY_USERNAME, partition, Keys.tenantPrefix("demo")),
                "another index");
        assertThrows(DomainException.Invalid.class, () -> Cursors.decode("not-a-cursor", index, partition, Keys.tenantPrefix("demo")));
    }
}
