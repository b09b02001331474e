package io.noterag.indexing.chunking;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How documents are cut into chunks.
 *
 * @param targetTokens the size a chunk is filled up to; a list or table may go beyond it,
 * up to the maximum, to stay whole
 * @param overlapTokens how much of the end of a chunk starts the next one within a
 * section, in whole sentences (one sentence of up to twice this when no sentence is short
 * enough)
 * @param maxTokens the hard limit of what the embedding model reads, title prefix and
 * special tokens included
 * @param maxPrefixTokens the most tokens the title and heading prefix may take
 */
@Validated
@ConfigurationProperties(prefix = "noterag.indexing.chunking")
public record ChunkingProperties(@Min(16) @Max(8192) @DefaultValue("200") int targetTokens,
		@Min(0) @DefaultValue("30") int overlapTokens, @Min(32) @Max(8192) @DefaultValue("512") int maxTokens,
		@Min(0) @DefaultValue("64") int maxPrefixTokens) {

	public ChunkingProperties {
		if (targetTokens > maxTokens - 2 - maxPrefixTokens) {
			throw new IllegalArgumentException("noterag.indexing.chunking.target-tokens (" + targetTokens
					+ ") must leave room for the title prefix (" + maxPrefixTokens + ") within max-tokens (" + maxTokens
					+ ")");
		}
		if (overlapTokens >= targetTokens) {
			throw new IllegalArgumentException("noterag.indexing.chunking.overlap-tokens (" + overlapTokens
					+ ") must be smaller than target-tokens (" + targetTokens + ")");
		}
	}

	/**
	 * The defaults: about 200 tokens, 15% overlap, bge's 512-token window.
	 * @return the default settings
	 */
	public static ChunkingProperties defaults() {
		return new ChunkingProperties(200, 30, 512, 64);
	}

}
