/** Sentence and word splitting used by the chunker. */
package io.noterag.indexing.chunking.internal;
