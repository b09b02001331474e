package io.noterag.shared.vector.lucene;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which {@link io.noterag.shared.vector.VectorStore} adapter a service uses, and the
 * settings of the embedded Lucene one.
 *
 * @param type the adapter: {@code lucene} (the default, embedded) or the name of another
 * adapter on the class path (such as {@code qdrant})
 * @param lucene the Lucene adapter's settings
 */
@Validated
@ConfigurationProperties(prefix = "noterag.vector-store")
public record VectorStoreProperties(
		@NotNull @Pattern(regexp = "[a-z][a-z0-9-]*",
				message = "must be an adapter name such as lucene or qdrant") @DefaultValue("lucene") String type,
		@NotNull @Valid @DefaultValue Lucene lucene) {

	/** The embedded adapter's name. */
	public static final String LUCENE = "lucene";

	/**
	 * The Lucene adapter's settings.
	 *
	 * @param path the index directory, shared by the writer and the readers
	 * @param mode {@code writer} in the single indexing process, {@code reader}
	 * everywhere else
	 * @param refreshInterval how often at most a reader looks for a newer commit
	 * @param commitInterval {@code 0} commits on every write call; a positive interval
	 * commits at most that often (a write call still returns only once committed)
	 * @param dimension the vectors' dimension; unset takes it from the index or the first
	 * vectors written
	 */
	public record Lucene(@NotNull @DefaultValue("./.data/index") Path path,
			@NotNull @DefaultValue("reader") LuceneVectorStore.Mode mode,
			@NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration refreshInterval,
			@NotNull @DurationMin(millis = 0) @DefaultValue("0s") Duration commitInterval,
			@Positive @Max(4096) Integer dimension) {

	}

}
