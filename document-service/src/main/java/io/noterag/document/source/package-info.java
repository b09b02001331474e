/**
 * Data sources: what an administrator registers for indexing (a folder inside the
 * configured allowed roots, OneNote notebooks, a SharePoint site, a Databricks
 * workspace), its configuration checked with the same records the plugins use, its
 * credentials sealed at rest and shown only by name, its status, the connection of
 * OneNote sources to a Microsoft account (authorization code flow with PKCE), and the
 * requests to sync it, by hand or on schedule once per cluster. Registering a source,
 * requesting a sync and deleting a source each write the change, the job and the message
 * announcing it in one transaction; the outbox relay publishes the message afterwards.
 */
package io.noterag.document.source;
