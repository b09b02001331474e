package io.noterag.document.source;

/**
 * Where to send the administrator to connect an account.
 *
 * @param authorizationUrl the identity platform's authorization page, with a one-time
 * state valid for a few minutes
 */
public record AuthorizationRedirect(String authorizationUrl) {

}
