package com.peakcommerce.useradmin.ssm;

import com.peakcommerce.useradmin.emulator.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader against SSM in moto: a SecureString comes back decrypted; a missing one names itself, never a value. */
class SsmParametersTest {
    private final SsmClient ssm = MotoServer.shared().client(SsmClient.builder());

    @Test
    void readsASecureStringDecrypted() {
        String name = "/test/" + UUID.randomUUID();
        ssm.putParameter(b -> b.name(name).type(ParameterType.SECURE_STRING).value("s3cret-value-of-some-length-0123456789"));
        assertEquals("s3cret-value-of-some-length-0123456789", new SsmParameters(ssm).read(name));
    }

    @Test
    void aMissingParameterIsNamedInTheRefusal() {
        String name = "/test/missing-" + UUID.randomUUID();
        var refusal = assertThrows(IllegalStateException.class, () -> new SsmParameters(ssm).read(name));
        assertTrue(refusal.getMessage().contains(name), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("ParameterNotFound"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("s3cret"));
    }
}
