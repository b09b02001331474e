/**
 * The {@link io.noterag.shared.storage.ObjectStore} port for binary objects (images,
 * thumbnails, diagrams) and its adapters, chosen by {@code noterag.object-store.type}.
 */
package io.noterag.shared.storage;
