/**
 * Images attached to documents: upload (checked by content, not by name), a thumbnail
 * that fits in a square and keeps the aspect, both stored through the
 * {@link io.noterag.shared.storage.ObjectStore} and described by a row of {@code images};
 * read them back, list and delete them per document for document-service. OCR and
 * captions are not computed yet ({@code ocr_text} and {@code caption} stay null).
 */
package io.noterag.multimodal.image;
