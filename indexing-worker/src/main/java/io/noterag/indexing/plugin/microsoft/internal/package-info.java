/**
 * The HTTP exchange under the Graph client and the token provider: throttling waits,
 * bounded reads, and the parsing of OData and OAuth error bodies.
 */
package io.noterag.indexing.plugin.microsoft.internal;
