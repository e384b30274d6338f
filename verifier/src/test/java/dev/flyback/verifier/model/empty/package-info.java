/** A test package without entities. */
package dev.flyback.verifier.model.empty;
