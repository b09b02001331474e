/**
 * Identity, owned by the gateway: sign-in through an identity provider (the {@code dev}
 * provider on a single machine) to the platform's own short-lived RS256 access tokens and
 * rotating refresh tokens, refresh with reuse detection, logout, client-credentials
 * tokens for the services, the JWKS every service validates against, and the gateway's
 * own validation of bearer tokens before anything is routed. Users, refresh tokens
 * (hashed) and the signing key live in the {@code identity} schema, so any replica can
 * serve any request.
 */
package io.noterag.gateway.auth;
