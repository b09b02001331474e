package io.noterag.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The replicas of each routed service and how hard the gateway leans on them. Each
 * service is a named property so that its usual environment variable works, e.g.
 * {@code NOTERAG_ROUTES_QUERY_SERVICE_URIS=http://127.0.0.1:8081,http://127.0.0.1:8091}.
 *
 * @param queryService instances of query-service
 * @param documentService instances of document-service
 * @param conversationService instances of conversation-service
 * @param multimodalService instances of multimodal-service
 * @param circuitBreaker settings of the per-service circuit breakers
 */
@Validated
@ConfigurationProperties(prefix = "noterag.routes")
public record RoutesProperties(@Valid @NotNull Service queryService, @Valid @NotNull Service documentService,
		@Valid @NotNull Service conversationService, @Valid @NotNull Service multimodalService,
		@Valid @DefaultValue CircuitBreaker circuitBreaker) {

	/**
	 * The services by the id used in {@code lb://<id>} route URIs.
	 * @return service id to instance URIs, in a stable order
	 */
	public Map<String, List<URI>> byServiceId() {
		Map<String, List<URI>> services = new LinkedHashMap<>();
		services.put("query-service", this.queryService.uris());
		services.put("document-service", this.documentService.uris());
		services.put("conversation-service", this.conversationService.uris());
		services.put("multimodal-service", this.multimodalService.uris());
		return services;
	}

	/**
	 * One routed service.
	 *
	 * @param uris base URIs of its replicas ({@code scheme://host:port}; a path is
	 * ignored)
	 */
	public record Service(@NotEmpty List<URI> uris) {

	}

	/**
	 * When a service's circuit opens: after at least {@code minimumCalls} calls in the
	 * last {@code windowSize}, of which {@code failureRatePercent} failed (could not
	 * connect, broke off); it stays open for {@code openFor}, then lets a few calls test
	 * it.
	 *
	 * @param windowSize calls considered
	 * @param minimumCalls calls needed before the rate counts
	 * @param failureRatePercent failure rate that opens the circuit
	 * @param openFor how long calls are refused with 503 once open
	 */
	public record CircuitBreaker(@Min(1) @DefaultValue("20") int windowSize,
			@Min(1) @DefaultValue("10") int minimumCalls, @Min(1) @DefaultValue("50") int failureRatePercent,
			@NotNull @DefaultValue("10s") Duration openFor) {

	}

}
