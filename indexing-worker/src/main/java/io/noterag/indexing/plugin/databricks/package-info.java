/**
 * The Databricks data source: one document per Unity Catalog table (its comment and its
 * columns with types and comments, read from {@code system.information_schema} through
 * the SQL Statement Execution API on the configured warehouse) and one per notebook under
 * the configured workspace folders (exported as source through the Workspace API), with a
 * personal access token or OAuth machine-to-machine credentials. Listings are complete
 * and cheap (metadata only); an incremental listing names only what changed since the
 * last sync and what was deleted, found by comparing with the ids the previous listing
 * left in its cursor.
 */
package io.noterag.indexing.plugin.databricks;
