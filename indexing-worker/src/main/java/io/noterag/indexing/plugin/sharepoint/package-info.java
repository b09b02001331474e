/**
 * The SharePoint data source: the document libraries (drives) of one site, read through
 * Microsoft Graph with client credentials and followed through drive {@code delta}. The
 * cursor keeps each library's delta link, so a sync lists only changed and deleted files;
 * a first sync, an expired delta link ({@code 410 Gone}) or a change of libraries lists
 * everything again. Files are downloaded as they are (the worker extracts them).
 */
package io.noterag.indexing.plugin.sharepoint;
