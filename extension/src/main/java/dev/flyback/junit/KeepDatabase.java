package dev.flyback.junit;

import org.apiguardian.api.API;

/**
 * Whether a test's scratch database is kept after the test, with its connection printed.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum KeepDatabase {
    /** Always drop it (the default). */
    NEVER,
    /** Keep it when the test failed. */
    ON_FAILURE,
    /** Always keep it. */
    ALWAYS
}
