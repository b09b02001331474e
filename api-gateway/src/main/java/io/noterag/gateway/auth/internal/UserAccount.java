package io.noterag.gateway.auth.internal;

import java.util.UUID;

/**
 * A row of {@code users}.
 *
 * @param id the user's id, the {@code sub} of their tokens
 * @param email e-mail address, unique
 * @param name display name
 * @param role viewer, user or admin
 * @param active whether the user may sign in
 */
public record UserAccount(UUID id, String email, String name, String role, boolean active) {

}
