package io.noterag.shared.source;

import java.util.Set;

/** The data source types the platform knows. */
public final class SourceTypes {

	public static final String FILESYSTEM = "filesystem";

	public static final String ONENOTE = "onenote";

	public static final String SHAREPOINT = "sharepoint";

	public static final String DATABRICKS = "databricks";

	/** Types that can be registered today. */
	public static final Set<String> SUPPORTED = Set.of(FILESYSTEM, ONENOTE, SHAREPOINT, DATABRICKS);

	private SourceTypes() {
	}

}
