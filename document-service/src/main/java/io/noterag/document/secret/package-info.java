/**
 * Secrets at rest: values such as the credentials of data sources are sealed with
 * AES-256-GCM under a key given by the environment ({@code noterag.secrets.key}), each
 * with its own random 96-bit nonce and a prefix naming the key, so that the key can be
 * rotated while older values stay readable through {@code noterag.secrets.previous-keys}.
 * A sealed value is bound to what it belongs to (its context), so it cannot be copied to
 * another row. Nothing here ever logs or prints a key or a plain value.
 */
package io.noterag.document.secret;
