/**
 * multimodal-service: images attached to documents (original and thumbnail in the object
 * store, metadata in the {@code media} schema); diagrams later.
 */
package io.noterag.multimodal;
