package io.noterag.document.document;

import java.util.List;

/**
 * A page of the documents the caller may read, newest first.
 *
 * @param documents the documents on this page
 * @param total how many documents the caller may read
 * @param limit the page size asked for
 * @param offset the position of the first document of this page
 */
public record DocumentPage(List<DocumentView> documents, long total, int limit, int offset) {

}
