/**
 * Images attached to documents: upload (checked by content, not by name), a thumbnail
 * that fits in a square and keeps the aspect, both stored through the
 * {@link io.noterag.shared.storage.ObjectStore} and described by a row of {@code images};
 * read them back, list and delete them per document for document-service. Images the
 * indexing worker stores from a source's items record that data source, and are removed
 * with it when the source is deleted. OCR and captions are not computed yet
 * ({@code ocr_text} and {@code caption} stay null).
 */
package io.noterag.multimodal.image;
