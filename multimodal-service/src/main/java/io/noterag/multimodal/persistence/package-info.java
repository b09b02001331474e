/**
 * How this service's entities are stored: JSONB columns (image dimensions, metadata) are
 * read and written with Jackson 3, which Hibernate does not know by itself.
 */
package io.noterag.multimodal.persistence;
