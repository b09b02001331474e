/**
 * Microsoft Graph for the OneNote and SharePoint sources: one HTTP client that pages
 * through {@code @odata.nextLink}, waits out throttling (429/503/504 with
 * {@code Retry-After}) within a budget, and turns Graph's OData error bodies into source
 * errors without secrets; and the tokens it sends, taken from the identity platform with
 * a source's delegated refresh token (rotations are saved back to the source) or with
 * client credentials, cached per source until shortly before they expire.
 */
package io.noterag.indexing.plugin.microsoft;
