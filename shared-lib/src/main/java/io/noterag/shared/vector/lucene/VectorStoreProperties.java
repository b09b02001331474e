package io.noterag.shared.vector.lucene;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which {@link io.noterag.shared.vector.VectorStore} adapter a service uses, and the
 * settings of the embedded Lucene one and of the Qdrant one.
 *
 * @param type the adapter: {@code lucene} (the default, embedded) or the name of another
 * adapter on the class path (such as {@code qdrant})
 * @param lucene the Lucene adapter's settings
 * @param qdrant the Qdrant adapter's settings (used when {@code type} is {@code qdrant})
 * @param bm25 the keyword scoring's parameters, for both adapters (Lucene applies them
 * when searching; Qdrant's sparse vectors carry them, so changing them there needs a
 * re-index)
 */
@Validated
@ConfigurationProperties(prefix = "noterag.vector-store")
public record VectorStoreProperties(
		@NotNull @Pattern(regexp = "[a-z][a-z0-9-]*",
				message = "must be an adapter name such as lucene or qdrant") @DefaultValue("lucene") String type,
		@NotNull @Valid @DefaultValue Lucene lucene, @NotNull @Valid @DefaultValue Qdrant qdrant,
		@NotNull @Valid @DefaultValue Bm25Settings bm25) {

	/**
	 * BM25's parameters.
	 *
	 * @param k1 term-frequency saturation, 0 or more (Lucene's own default is 1.2)
	 * @param b length normalisation, 0 to 1 (Lucene's own default is 0.75)
	 */
	public record Bm25Settings(@DecimalMin("0") @DefaultValue("0.9") float k1,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.4") float b) {

		/**
		 * The parameters as the adapters take them.
		 * @return k1 and b
		 */
		public io.noterag.shared.vector.Bm25 toBm25() {
			return new io.noterag.shared.vector.Bm25(this.k1, this.b);
		}

	}

	/** The embedded adapter's name. */
	public static final String LUCENE = "lucene";

	/** The Qdrant adapter's name. */
	public static final String QDRANT = "qdrant";

	/**
	 * The Lucene adapter's settings.
	 *
	 * @param path the index directory, shared by the writer and the readers
	 * @param mode {@code writer} in the single indexing process, {@code reader}
	 * everywhere else
	 * @param refreshInterval how often at most a reader looks for a newer commit
	 * @param commitInterval {@code 0} commits on every write call; a positive interval
	 * commits at most that often (a write call still returns only once committed)
	 * @param chunkCacheSize how many chunks read from the index a reader keeps in memory
	 * (most recently used first), so that the documents many searches return are not
	 * decompressed every time; 0 keeps none
	 * @param dimension the vectors' dimension; unset takes it from the index or the first
	 * vectors written
	 */
	public record Lucene(@NotNull @DefaultValue("./.data/index") Path path,
			@NotNull @DefaultValue("reader") LuceneVectorStore.Mode mode,
			@NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration refreshInterval,
			@NotNull @DurationMin(millis = 0) @DefaultValue("0s") Duration commitInterval,
			@Positive @Max(4096) Integer dimension,
			@Min(0) @Max(10_000_000) @DefaultValue("20000") int chunkCacheSize) {

	}

	/**
	 * The Qdrant adapter's settings.
	 *
	 * @param host the Qdrant server's host name; required with {@code type=qdrant}
	 * @param port its gRPC port (6334 by default; 6333 is the REST port, not used)
	 * @param apiKey the API key, sent as the {@code api-key} header; unset sends none
	 * @param useTls whether the gRPC connection uses TLS (required by Qdrant Cloud)
	 * @param collection the collection that holds the chunks (created when missing)
	 * @param timeout the deadline of each call to Qdrant
	 * @param upsertBatchSize how many points one upsert request carries at most
	 * @param dimension the dense vectors' dimension; unset takes it from the existing
	 * collection or the first vectors written
	 * @param bm25AverageLength the average chunk length, in analysed terms, that the
	 * client-side BM25 term weights of the sparse vectors normalise by
	 */
	public record Qdrant(String host, @Min(1) @Max(65535) @DefaultValue("6334") int port, String apiKey,
			@DefaultValue("false") boolean useTls,
			@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,255}",
					message = "must be a collection name of letters, digits, '_' and '-'") @DefaultValue("noterag_chunks") String collection,
			@NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration timeout,
			@Min(1) @Max(10000) @DefaultValue("256") int upsertBatchSize, @Positive @Max(65536) Integer dimension,
			@Positive @DefaultValue("100") double bm25AverageLength) {

		@Override
		public String toString() {
			// never print the API key
			return "Qdrant[host=" + this.host + ", port=" + this.port + ", apiKey="
					+ ((this.apiKey != null) ? "***" : null) + ", useTls=" + this.useTls + ", collection="
					+ this.collection + ", timeout=" + this.timeout + ", upsertBatchSize=" + this.upsertBatchSize
					+ ", dimension=" + this.dimension + ", bm25AverageLength=" + this.bm25AverageLength + "]";
		}

	}

}
