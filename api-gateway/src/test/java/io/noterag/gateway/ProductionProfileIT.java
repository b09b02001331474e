package io.noterag.gateway;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import io.noterag.shared.test.RealInfrastructureInitializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code prod} profile: no dev sign-in, no start with the development secret. */
class ProductionProfileIT {

	@Test
	void shouldRefuseToStartInProductionWithTheDevelopmentClientSecret() {
		assertThatThrownBy(() -> run().close())
			.satisfies((ex) -> assertThat(rootMessages(ex)).contains("noterag.security.client-secret"));
	}

	@Test
	void shouldNotOfferTheDevProviderInProduction() {
		try (ConfigurableApplicationContext context = run(
				"--noterag.security.client-secret=a-long-production-secret")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			GatewayTestSupport.client(port)
				.post()
				.uri("/api/v2/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"provider\":\"dev\",\"code\":\"alice\"}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value(String.class,
						(detail) -> assertThat(detail).contains("'dev' is unknown or disabled")
							.contains("No login provider is enabled"))
				.jsonPath("$.enabled_providers")
				.isEmpty();
		}
	}

	private static ConfigurableApplicationContext run(String... extraArgs) {
		String dead = StubService.deadUri();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--noterag.db.schema=identity_prod",
				"--noterag.routes.query-service.uris=" + dead, "--noterag.routes.document-service.uris=" + dead,
				"--noterag.routes.conversation-service.uris=" + dead,
				"--noterag.routes.multimodal-service.uris=" + dead));
		args.addAll(List.of(extraArgs));
		return new SpringApplicationBuilder(ApiGatewayApplication.class).profiles("prod")
			.initializers(new RealInfrastructureInitializer())
			.run(args.toArray(String[]::new));
	}

	private static String rootMessages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = ex; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
