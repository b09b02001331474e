/**
 * The filesystem data source, as a plugin ({@code filesystem}): checks a source's folder
 * against the allowed roots ({@code noterag.sources.filesystem.allowed-roots}), walks it
 * without leaving those roots (links are resolved and checked, hidden entries skipped,
 * {@code ..} in an item id refused), and reads files of the allowed types up to the size
 * limit. What cannot be read is reported as a rejected item with a reason. Listings are
 * complete, so files that are gone are removed; changes are recognised by modification
 * time and content hash.
 */
package io.noterag.indexing.source;
