package io.noterag.shared.embedding.onnx;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which {@link io.noterag.shared.embedding.Embedder} a service uses, and how.
 *
 * @param type the adapter: {@code onnx} (the default, in process) or the name of another
 * adapter on the class path
 * @param queryMode how a query is embedded: {@code plain}, {@code prefixed} (after
 * {@code queryPrefix}) or {@code both} (the default: the two vectors averaged)
 * @param queryPrefix text put before a query (not before passages) in the modes
 * {@code prefixed} and {@code both}; unset is bge's instruction
 * {@value OnnxEmbedder#BGE_QUERY_PREFIX}
 * @param batchSize how many passages go to the model per call
 * @param onnx the ONNX adapter's threads
 */
@Validated
@ConfigurationProperties(prefix = "noterag.embedding")
public record EmbeddingProperties(
		@NotNull @Pattern(regexp = "[a-z][a-z0-9-]*",
				message = "must be an adapter name such as onnx") @DefaultValue("onnx") String type,
		@NotNull @DefaultValue("both") OnnxEmbedder.QueryMode queryMode, String queryPrefix,
		@Positive @DefaultValue("32") int batchSize, @NotNull @Valid @DefaultValue Onnx onnx) {

	/** The in-process adapter's name. */
	public static final String ONNX = "onnx";

	public EmbeddingProperties {
		queryPrefix = (queryPrefix != null && !queryPrefix.isBlank()) ? queryPrefix : OnnxEmbedder.BGE_QUERY_PREFIX;
	}

	/**
	 * The ONNX adapter's threads.
	 *
	 * @param parallelism how many texts are embedded at the same time; unset for as many
	 * as the processors hold at {@code intraOpThreads} each (one with ONNX Runtime's
	 * defaults)
	 * @param intraOpThreads ONNX Runtime threads per text; unset for one per processor, 0
	 * for langchain4j's shared session with ONNX Runtime's defaults
	 */
	public record Onnx(@Positive Integer parallelism, @PositiveOrZero Integer intraOpThreads) {

		/**
		 * How many texts to embed at the same time.
		 * @return the configured number, or the processors divided by the threads per
		 * text when unset (at least one)
		 */
		public int effectiveParallelism() {
			if (this.parallelism != null) {
				return this.parallelism;
			}
			int threads = effectiveIntraOpThreads();
			return (threads > 0) ? Math.max(1, Runtime.getRuntime().availableProcessors() / threads) : 1;
		}

		/**
		 * The ONNX Runtime threads per text to use.
		 * @return the configured number, or the number of processors when unset
		 */
		public int effectiveIntraOpThreads() {
			return (this.intraOpThreads != null) ? this.intraOpThreads : Runtime.getRuntime().availableProcessors();
		}

	}

}
