package com.peakcommerce.useradmin.dynamodb;

import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserField;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Item mapping as plain objects: the stored names are data, and an item maps back to the user it came from. */
class ItemMapperTest {

    @Test
    void theStoredAttributeNamesArePinned() {
        // Changing one of these is a data migration, not a rename: the items in every table hold them.
        Map<UserField, String> stored = Arrays.stream(UserField.values()).collect(Collectors.toMap(f -> f, ItemMapper::attribute));
        assertEquals("accountNumber", stored.get(UserField.ACCOUNT_NUMBER));
        assertEquals("partnerAdminId", stored.get(UserField.PARTNER_ADMIN_ID));
        assertEquals("securityRealm", stored.get(UserField.SECURITY_REALM));
        assertEquals(UserField.values().length, stored.values().stream().distinct().count(), "one attribute per field");
        for (String name : stored.values()) {
            assertFalse(name.startsWith("gsi") || name.equals("pk") || name.equals("sk") || name.equals(ItemMapper.ENTITY), name + " is a key attribute");
        }
    }

    @Test
    void anItemMapsBackToItsUser() {
        Map<UserField, Object> fields = World.fieldsFor(Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        fields.put(UserField.PARTNER_ID, "p-1");
        fields.put(UserField.PHONE, "+49 30 1234");
        User user = User.created(World.TENANT, "u-1", fields, true, "admin-1", World.NOW).provisioned().nextVersion(World.NOW.plusSeconds(5));

        assertEquals(user, ItemMapper.user(ItemMapper.userItem(user)));
    }
}
