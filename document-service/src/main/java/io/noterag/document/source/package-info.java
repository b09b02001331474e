/**
 * Data sources: what an administrator registers for indexing (today a folder of the
 * machine, inside the configured allowed roots), who may read what it indexes, and the
 * requests to sync it. Registering a source, requesting a sync and deleting a source each
 * write the change, the job and the message announcing it in one transaction; the outbox
 * relay publishes the message afterwards.
 */
package io.noterag.document.source;
