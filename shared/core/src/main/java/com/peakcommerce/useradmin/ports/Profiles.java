package com.peakcommerce.useradmin.ports;

import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Page;
import com.peakcommerce.useradmin.domain.Profile;

/** A tenant's permission profiles (SPEC P1–P4), with their name markers. Every write carries its audit entry. */
public interface Profiles {

    /** Writes a new profile, its name marker and {@code entry} together; a taken name is a {@code Conflict} on {@code name}. */
    void insertProfile(Profile profile, AuditEntry entry);

    /** A page of the tenant's profiles, sorted by name. */
    Page<Profile> listProfiles(String tenantId, int limit, String cursor);

    /**
     * Replaces {@code before} with {@code after} if the stored version is still {@code before.version()} and no
     * delete is under way ({@code Conflict}); moves the name marker in the same transaction when the name
     * changed ({@code Conflict} on {@code name} when taken), and writes {@code entry} with it.
     */
    void replaceProfile(Profile before, Profile after, AuditEntry entry);

    /**
     * Marks the profile as being deleted ({@link Profile#retiring()} = {@code replacement}, or
     * {@link Profile#NO_REPLACEMENT}) if it exists and, when {@code expectedVersion} is given, is at that
     * version; from then on no user write may give it to anyone. Answers the marked profile. Marking a
     * profile marked already (a retried or concurrent delete) takes it over.
     */
    Profile markProfileRetiring(String tenantId, String profileId, Long expectedVersion, String replacement);

    /** Removes the mark {@code profile} was given by {@link #markProfileRetiring}, if it is still that one. */
    void clearProfileRetiring(Profile profile);

    /**
     * Deletes the profile and its name marker, with {@code entry}, if it still carries the mark
     * {@code profile.retiring()} ({@code Conflict} when another delete took it over).
     */
    void deleteProfile(Profile profile, AuditEntry entry);
}
