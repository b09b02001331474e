/**
 * The typed configuration of each built-in source type, read and checked the same way by
 * document-service (when a source is registered or changed) and by the plugins in the
 * indexing worker. Secrets are never part of a configuration: they are credentials.
 */
package io.noterag.shared.source.config;
