package io.noterag.gateway.auth;

/**
 * {@code POST /api/v2/auth/login}.
 *
 * @param provider the identity provider, e.g. {@code dev}
 * @param code the provider's authorization code (for {@code dev}: the user name)
 * @param role requested role, honoured by the {@code dev} provider only
 */
public record LoginRequest(String provider, String code, String role) {

}
