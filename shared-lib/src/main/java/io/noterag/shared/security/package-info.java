/**
 * Identity for every service: each one is an OAuth2 resource server that validates the
 * gateway's RS256 access tokens against its JWKS, maps the {@code role} claim to
 * authorities, answers 401/403 as problem details, and makes outgoing calls with the
 * caller's token or, for {@code /internal/**} and background work, a service token.
 */
package io.noterag.shared.security;
