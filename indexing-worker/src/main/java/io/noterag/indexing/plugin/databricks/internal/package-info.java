/**
 * How the Databricks source talks to a workspace: one HTTP client that authenticates
 * every call (personal access token or an OAuth machine-to-machine token it caches until
 * shortly before expiry), waits out throttling within a bound and turns Databricks' error
 * bodies into the plugin SPI's failures; the SQL Statement Execution API (inline JSON
 * results, polling, result chunks); the Workspace API (recursive listing, source export);
 * and the text written for each table and notebook.
 */
package io.noterag.indexing.plugin.databricks.internal;
