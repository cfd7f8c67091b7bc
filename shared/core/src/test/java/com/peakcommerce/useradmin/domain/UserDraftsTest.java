package com.peakcommerce.useradmin.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drafts as plain objects: a body becomes fields or one refusal naming every field at fault; no table, no clock. */
class UserDraftsTest {

    @Test
    void aCustomerBodyIsADraftWithItsDefaults() {
        var draft = UserDrafts.newUser(Map.of("role", "CUSTOMER", "firstName", "Carla", "lastName", "Customer", "username", "Carla@Example.com",
                "accountNumber", "A000001212", "amendmentDateAlignment", "IMMEDIATE", "profileId", "standard"), "admin-1");

        assertEquals(Role.CUSTOMER, draft.role());
        assertFalse(draft.suspended());
        assertEquals(Activation.DEFAULT, draft.activation());
        assertFalse(draft.tiedToCaller());
    }

    @Test
    void aPartnerAccountExecutiveWithoutAPartnerAdminIsTiedToTheCaller() {
        var draft = UserDrafts.newUser(Map.of("role", "PARTNER_ACCOUNT_EXECUTIVE", "firstName", "Pete", "lastName", "Exec",
                "username", "pete@example.com", "profileId", "standard"), "pa-1");

        assertTrue(draft.tiedToCaller());
        assertEquals("pa-1", draft.fields().get(UserField.PARTNER_ADMIN_ID));
    }

    @Test
    void everyFieldAtFaultIsNamedInOneRefusal() {
        var refused = assertThrows(DomainException.Invalid.class, () -> UserDrafts.newUser(Map.of("role", "CUSTOMER", "firstName", "Carla",
                "username", "not-an-email", "securityRealm", "created-or-assigned", "status", "ASLEEP", "colour", "red"), "admin-1"));

        List<String> fields = refused.errors().stream().map(DomainException.FieldError::field).sorted().toList();
        assertEquals(List.of("accountNumber", "amendmentDateAlignment", "colour", "lastName", "profileId", "securityRealm", "status", "username"), fields);
    }

    @Test
    void aPatchRemovesWithNullAndRefusesWhatItMayNotChange() {
        var patch = UserDrafts.patch(new java.util.HashMap<>(Map.of("jobTitle", "Owner")) {{ put("phone", null); }});
        assertEquals(Optional.of("Owner"), patch.get(UserField.JOB_TITLE));
        assertEquals(Optional.empty(), patch.get(UserField.PHONE));

        var refused = assertThrows(DomainException.Invalid.class, () -> UserDrafts.patch(Map.of("status", "SUSPENDED", "version", 3)));
        assertEquals(List.of("status", "version"), refused.errors().stream().map(DomainException.FieldError::field).sorted().toList());

        var merged = UserDrafts.merge(Map.of(UserField.JOB_TITLE, "Buyer", UserField.PHONE, "+1 555"), patch);
        assertEquals(Map.of(UserField.JOB_TITLE, "Owner"), merged);
    }
}
