package com.peakcommerce.useradmin.auth0;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomPasswordsTest {

    @Test
    void everyPasswordHasAllFourKindsOfCharacterAndNoTripleRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String password = RandomPasswords.generate();
            assertEquals(RandomPasswords.LENGTH, password.length());
            assertTrue(password.chars().anyMatch(c -> c >= 'A' && c <= 'Z'), password);
            assertTrue(password.chars().anyMatch(c -> c >= 'a' && c <= 'z'), password);
            assertTrue(password.chars().anyMatch(c -> c >= '0' && c <= '9'), password);
            assertTrue(password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)), password);
            assertTrue(password.chars().allMatch(c -> c > ' ' && c < 127), password);
            for (int j = 2; j < password.length(); j++) {
                assertTrue(password.charAt(j) != password.charAt(j - 1) || password.charAt(j) != password.charAt(j - 2), password);
            }
            seen.add(password);
        }
        assertEquals(2_000, seen.size());
    }
}
