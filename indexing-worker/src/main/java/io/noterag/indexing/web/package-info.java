/**
 * The worker's internal HTTP endpoints (service tokens only): testing a source's
 * configuration and credentials through its plugin before or after it is registered.
 */
package io.noterag.indexing.web;
