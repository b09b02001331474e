/**
 * Benchmarks that run outside the worker's own process: {@link ModelOnlyBenchmark} embeds
 * the chunks of a folder of files with the worker's own extraction, chunking and
 * embedding set-up and nothing else, the reference that {@code bin/index-bench} compares
 * the indexing pipeline's rate with. Nothing here is part of the running worker: no bean
 * of this package is picked up by its component scan.
 */
package io.noterag.indexing.bench;
