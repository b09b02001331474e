/**
 * The embedded {@link io.noterag.shared.storage.ObjectStore} adapter: objects are files
 * under one local directory ({@code noterag.object-store.filesystem.root}), written
 * atomically, so a single machine (or replicas sharing a volume) needs no object server.
 * Selected when {@code noterag.object-store.type} is {@code filesystem} or unset.
 */
package io.noterag.shared.storage.filesystem;
