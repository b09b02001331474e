/**
 * Storage and cryptography behind sign-in, for the auth feature only: users, hashed
 * refresh tokens with their families, the shared RS256 signing key (created once by
 * whichever replica starts first), and the signing of access tokens. Blocking JDBC,
 * called from the reactive side on the bounded-elastic scheduler.
 */
package io.noterag.gateway.auth.internal;
