/**
 * Text extraction: Apache Tika detects a file's type from its content and parses HTML,
 * PDF and DOCX into XHTML, which is read into structural blocks (headings, paragraphs,
 * list items, table rows, code); Markdown and plain text are decoded with Tika's charset
 * detection and read into the same blocks. A file that is empty, of another type,
 * encrypted or corrupt raises an
 * {@link io.noterag.indexing.extraction.ExtractionException} whose message is the reason
 * shown to the user.
 */
package io.noterag.indexing.extraction;
