package io.noterag.shared.source.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source type: OneNote, SharePoint, Databricks, a folder of files. Implementations
 * are stateless and thread-safe; everything about one registered source comes in its
 * {@link SourceContext}.
 *
 * @param <C> the type's configuration, a validated record
 */
public interface DataSourcePlugin<C> {

	/**
	 * The type's id, as stored on a data source ({@code onenote}, {@code sharepoint},
	 * ...).
	 * @return the id
	 */
	String sourceType();

	/**
	 * What the plugin can do.
	 * @return its capabilities
	 */
	Set<PluginCapability> capabilities();

	/**
	 * Reads and checks a source's configuration (never its credentials).
	 * @param config the configuration as given by an administrator
	 * @return the typed configuration
	 * @throws InvalidSourceConfigException naming the field that is wrong
	 */
	C configure(Map<String, Object> config);

	/**
	 * Checks that the source can be reached with its credentials ("test the connection").
	 * @param source the source
	 * @throws SourceAuthenticationException when the credentials are refused
	 * @throws SourceUnavailableException when the source cannot be reached
	 */
	void authenticate(SourceContext<C> source);

	/**
	 * Lists what changed since the last completed sync: the items to (re)index, the ones
	 * deleted at the source, and the ones that cannot be indexed. With no
	 * {@link SourceContext#cursor() cursor} and no {@code modifiedSince} this is a full
	 * listing.
	 * @param source the source
	 * @param filters optional narrowing of what is listed
	 * @param modifiedSince only items changed after this instant, or {@code null} for all
	 * @return the changes
	 * @throws SourceAuthenticationException when the credentials are refused
	 * @throws SourceUnavailableException when the source cannot be reached (try again)
	 */
	ChangeSet fetchDocuments(SourceContext<C> source, FetchFilters filters, Instant modifiedSince);

	/**
	 * Reads one item listed by {@link #fetchDocuments}, with its content and images.
	 * @param source the source
	 * @param item the listed item
	 * @return the item, or {@code null} when it no longer exists at the source
	 * @throws ItemException when this item cannot be read (the rest goes on)
	 * @throws SourceUnavailableException when the source cannot be reached (try again)
	 */
	SourceItem getDocument(SourceContext<C> source, ItemRef item);

	/**
	 * Searches the source itself, when it can ({@link PluginCapability#SEARCH}).
	 * @param source the source
	 * @param query the words to look for
	 * @param limit the most items to return
	 * @return matching items, best first
	 * @throws UnsupportedOperationException when the source cannot be searched
	 */
	default List<ItemRef> search(SourceContext<C> source, String query, int limit) {
		throw new UnsupportedOperationException("Sources of type '" + sourceType() + "' cannot be searched.");
	}

}
