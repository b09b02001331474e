package io.noterag.document.source;

import java.util.List;

/**
 * A page of data sources, newest first.
 *
 * @param sources the sources on this page
 * @param total how many sources there are
 */
public record SourceList(List<SourceView> sources, long total) {

}
