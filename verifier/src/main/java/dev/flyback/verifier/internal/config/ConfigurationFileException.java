package dev.flyback.verifier.internal.config;

import org.apiguardian.api.API;

/**
 * A settings file Flyback could not read: its message names the file, and the line where one is known.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConfigurationFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ConfigurationFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
