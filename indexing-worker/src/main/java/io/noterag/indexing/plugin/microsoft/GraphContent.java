package io.noterag.indexing.plugin.microsoft;

/**
 * Content downloaded from Graph (a page's HTML, an image, a file).
 *
 * @param bytes the content
 * @param contentType the {@code Content-Type} it came with, without parameters, or
 * {@code null}
 */
public record GraphContent(byte[] bytes, String contentType) {

}
