/**
 * Parts of the OneNote source other packages do not use: the cleaning of page HTML and
 * the cursor that remembers the page ids of the last sync.
 */
package io.noterag.indexing.plugin.onenote.internal;
