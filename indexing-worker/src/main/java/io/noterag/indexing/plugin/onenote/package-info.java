/**
 * The OneNote data source: walks the notebooks, nested section groups, sections and pages
 * of the connected user ({@code /me/onenote}) or of a SharePoint site
 * ({@code /sites/{id}/onenote}) through Microsoft Graph with a delegated token, reads a
 * page's HTML and its images, and returns the HTML without scripts as {@code text/html}.
 * Each sync lists every page's id and modification time (no content), so changed pages
 * are found by {@code lastModifiedDateTime} and deleted pages by comparing the ids with
 * the previous sync's, kept in the cursor.
 */
package io.noterag.indexing.plugin.onenote;
