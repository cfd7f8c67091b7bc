package com.peakcommerce.useradmin.wiring;

/**
 * Secrets by name (SSM SecureString parameters in production: module shared-ssm), read when asked, never
 * kept here.
 */
@FunctionalInterface
public interface Parameters {

    /**
     * The parameter's value.
     *
     * @throws IllegalStateException when it cannot be read; the message names the parameter, never a value
     */
    String read(String name);
}
