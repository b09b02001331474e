/**
 * The filesystem data source: checks a source's folder against the allowed roots
 * ({@code noterag.sources.filesystem.allowed-roots}), walks it without leaving those
 * roots (links are resolved and checked, hidden entries skipped), and reads files up to
 * the size limit. What cannot be read is reported as a rejected item with a reason.
 */
package io.noterag.indexing.source;
