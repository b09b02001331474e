package io.noterag.multimodal.image;

/**
 * The size of an image in pixels.
 *
 * @param width width
 * @param height height
 */
public record Dimensions(int width, int height) {

}
