package io.noterag.gateway.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServiceClientsTests {

	@Test
	void shouldAcceptOnlyListedClientsWithTheSharedSecret() {
		ServiceClients clients = new ServiceClients(List.of("query-service"), "dev-service-secret", false);

		assertThat(clients.authenticate("query-service", "dev-service-secret")).isTrue();
		assertThat(clients.authenticate("query-service", "dev-service-secreT")).isFalse();
		assertThat(clients.authenticate("other", "dev-service-secret")).isFalse();
		assertThat(clients.authenticate(null, null)).isFalse();
	}

	@Test
	void shouldRefuseTheDevelopmentOrAShortSecretWhenStrongSecretsAreRequired() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ServiceClients(List.of("query-service"), "dev-service-secret", true))
			.withMessageContaining("NOTERAG_SECURITY_CLIENT_SECRET");
		assertThatIllegalStateException().isThrownBy(() -> new ServiceClients(List.of("query-service"), "short", true));
		assertThat(new ServiceClients(List.of("query-service"), "a-long-production-secret", true)
			.authenticate("query-service", "a-long-production-secret")).isTrue();
	}

}
