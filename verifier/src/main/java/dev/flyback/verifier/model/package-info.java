/**
 * The schema the team wants, next to the schema its migrations give: a target schema file or JPA entities, the
 * differences from the head of the history to it, and the revision (up and undo) that would close them
 * ({@code flyback new --autogenerate}, the extension's {@code model matches migrations}; issue 17).
 */
package dev.flyback.verifier.model;
