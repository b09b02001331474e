/**
 * Block parsers behind {@link io.noterag.indexing.extraction.TikaExtractor}: Tika's
 * XHTML, Markdown and plain text.
 */
package io.noterag.indexing.extraction.internal;
