/**
 * Chunking: cuts a document's blocks into chunks sized in the embedding model's own
 * tokens (bge-small-en-v1.5's WordPiece tokenizer), following the document's headings,
 * keeping lists and tables together where they fit, never cutting a sentence when it can
 * be avoided, and overlapping consecutive chunks of a section by whole sentences.
 */
package io.noterag.indexing.chunking;
