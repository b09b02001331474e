package io.noterag.shared.source.plugin;

/** What a plugin can do beyond listing and reading items. */
public enum PluginCapability {

	/** The source can be searched directly. */
	SEARCH,

	/** Listing can be narrowed to what changed since a point in time or a cursor. */
	INCREMENTAL_SYNC,

	/** Listing reports items deleted at the source. */
	DELETIONS,

	/** The source pushes changes as they happen. */
	REALTIME,

	/** Items may carry images. */
	IMAGES

}
