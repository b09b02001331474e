package io.noterag.shared.rerank;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which {@link Reranker} a service uses, if any, and the settings of the HTTP and ONNX
 * adapters.
 *
 * @param type {@code none} (the default: no reranker, searches keep their first-stage
 * order), {@code http} (a Cohere/Jina-style rerank endpoint), {@code onnx} (a
 * cross-encoder run in process) or the name of another adapter on the class path
 * @param http the HTTP adapter's settings (used when {@code type} is {@code http})
 * @param onnx the ONNX adapter's settings (used when {@code type} is {@code onnx})
 */
@Validated
@ConfigurationProperties(prefix = "noterag.rerank")
public record RerankProperties(
		@NotNull @Pattern(regexp = "[a-z][a-z0-9-]*",
				message = "must be an adapter name such as none, http or onnx") @DefaultValue("none") String type,
		@NotNull @Valid @DefaultValue Http http, @NotNull @Valid @DefaultValue Onnx onnx) {

	/** No reranker. */
	public static final String NONE = "none";

	/** The HTTP adapter's name. */
	public static final String HTTP = "http";

	/** The ONNX adapter's name. */
	public static final String ONNX = "onnx";

	/**
	 * The HTTP adapter's settings.
	 *
	 * @param url the endpoint's full URL, such as
	 * {@code https://api.cohere.com/v2/rerank} or {@code https://api.jina.ai/v1/rerank};
	 * required with {@code type=http}
	 * @param apiKey sent as {@code Authorization: Bearer <key>}; unset sends no
	 * {@code Authorization} header (a self-hosted endpoint)
	 * @param model the provider's model name, such as {@code rerank-v3.5} or
	 * {@code jina-reranker-v2-base-multilingual}; unset leaves it out of the request
	 * @param timeout the limit for connecting and for each request's answer
	 * @param maxDocumentsPerRequest how many passages one request carries at most; more
	 * are split over several requests
	 */
	public record Http(URI url, String apiKey, String model,
			@NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration timeout,
			@Min(1) @Max(10000) @DefaultValue("100") int maxDocumentsPerRequest) {

		@Override
		public String toString() {
			// never print the API key
			return "Http[url=" + this.url + ", apiKey=" + ((this.apiKey != null) ? "***" : null) + ", model="
					+ this.model + ", timeout=" + this.timeout + ", maxDocumentsPerRequest="
					+ this.maxDocumentsPerRequest + "]";
		}

	}

	/**
	 * The ONNX adapter's settings.
	 *
	 * @param modelPath the cross-encoder's {@code .onnx} file; required with
	 * {@code type=onnx}
	 * @param tokenizerPath the model's {@code tokenizer.json}; required with
	 * {@code type=onnx}
	 * @param maxLength the most tokens of a (query, passage) pair, special tokens
	 * included; longer pairs are truncated, the longer of the two first
	 * @param batchSize how many pairs go to the model per run
	 * @param intraOpThreads ONNX Runtime threads per run
	 */
	public record Onnx(Path modelPath, Path tokenizerPath, @Min(8) @Max(8192) @DefaultValue("512") int maxLength,
			@Min(1) @Max(1024) @DefaultValue("16") int batchSize,
			@Min(1) @Max(256) @DefaultValue("1") int intraOpThreads) {

	}

}
