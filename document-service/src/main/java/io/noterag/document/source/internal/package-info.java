/** Storage of data sources: the entity and its repository. */
package io.noterag.document.source.internal;
