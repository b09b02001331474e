/**
 * The data-source plugin SPI. A {@link io.noterag.shared.source.plugin.DataSourcePlugin}
 * lists what changed in one source type ({@code fetchDocuments}), reads one item
 * ({@code getDocument}), checks its credentials ({@code authenticate}) and optionally
 * searches the source. The indexing worker finds plugins through
 * {@link io.noterag.shared.source.plugin.DataSourcePlugins}; plugins never touch the
 * vector store, document metadata or messaging: the worker does, one item at a time.
 * <p>
 * Failures are typed so that the worker can tell a wrong token (the source needs an
 * administrator) from an unreachable host (try again later), throttling (slow down) and
 * one broken item (fail that item, go on).
 */
package io.noterag.shared.source.plugin;
