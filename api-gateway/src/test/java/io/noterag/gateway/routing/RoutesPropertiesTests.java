package io.noterag.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesPropertiesTests {

	@Test
	void shouldTakeSeveralReplicasOfAServiceFromOneEnvironmentVariable() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env",
					Map.of("NOTERAG_ROUTES_QUERY_SERVICE_URIS", "http://127.0.0.1:8081,http://127.0.0.1:8091",
							"NOTERAG_ROUTES_DOCUMENT_SERVICE_URIS", "http://10.0.0.5:8082")));
		environment.getPropertySources()
			.addLast(new MapPropertySource("defaults",
					Map.of("noterag.routes.query-service.uris", "http://127.0.0.1:8081",
							"noterag.routes.document-service.uris", "http://127.0.0.1:8082",
							"noterag.routes.conversation-service.uris", "http://127.0.0.1:8083",
							"noterag.routes.multimodal-service.uris", "http://127.0.0.1:8084")));

		RoutesProperties routes = new Binder(ConfigurationPropertySources.get(environment))
			.bindOrCreate("noterag.routes", RoutesProperties.class);

		assertThat(routes.queryService().uris()).containsExactly(URI.create("http://127.0.0.1:8081"),
				URI.create("http://127.0.0.1:8091"));
		assertThat(routes.documentService().uris()).containsExactly(URI.create("http://10.0.0.5:8082"));
		assertThat(routes.conversationService().uris()).containsExactly(URI.create("http://127.0.0.1:8083"));
		assertThat(routes.circuitBreaker().minimumCalls()).isEqualTo(10);
	}

	@Test
	void shouldOfferEachConfiguredUriAsAnInstanceOfItsService() {
		ConfiguredServicesDiscoveryClient discovery = new ConfiguredServicesDiscoveryClient(Map.of("query-service",
				List.of(URI.create("http://127.0.0.1:8081"), URI.create("https://q.example:9443")), "document-service",
				List.of(URI.create("http://docs"))));

		List<ServiceInstance> instances = discovery.getInstances("query-service").collectList().block();

		assertThat(instances).extracting(ServiceInstance::getUri)
			.containsExactly(URI.create("http://127.0.0.1:8081"), URI.create("https://q.example:9443"));
		assertThat(instances).extracting(ServiceInstance::getInstanceId)
			.containsExactly("query-service-0", "query-service-1");
		assertThat(discovery.getInstances("document-service").blockFirst().getPort()).isEqualTo(80);
		assertThat(discovery.getInstances("unknown-service").collectList().block()).isEmpty();
	}

}
