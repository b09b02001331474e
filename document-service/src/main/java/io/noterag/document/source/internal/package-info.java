/**
 * Storage of data sources: the entity (credentials held sealed), its repository and the
 * one-time states of account connections in progress.
 */
package io.noterag.document.source.internal;
