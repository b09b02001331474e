/**
 * Image rows (entity and repository) and the ImageIO work: recognising the format from
 * the bytes, decoding, and drawing the thumbnail.
 */
package io.noterag.multimodal.image.internal;
