package io.noterag.shared.security;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

/**
 * Makes a servlet service an OAuth2 resource server of the gateway: RS256 tokens checked
 * against the JWKS, issuer and expiry; {@code role} claim to authorities;
 * {@code /internal/**} for service tokens only; health and info open; everything else
 * authenticated. Also gives every {@link RestClient.Builder} the
 * {@link ServiceCallInterceptor}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class ResourceServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuer())));
		return decoder;
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, JwtDecoder decoder) throws Exception {
		ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers();
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> {
			String role = jwt.getClaimAsString("role");
			return (role == null) ? List.of() : List.of(new SimpleGrantedAuthority(Roles.authority(role)));
		});
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((auth) -> auth
				.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.OPTIONS, "/**")
				.permitAll()
				.requestMatchers("/internal/**", "/actuator/**")
				.hasRole(Roles.SERVICE.toUpperCase())
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((rs) -> rs.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.exceptionHandling((e) -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceTokens serviceTokens(SecurityProperties properties,
			@Value("${spring.application.name:service}") String applicationName) {
		String clientId = (properties.clientId() != null && !properties.clientId().isBlank()) ? properties.clientId()
				: applicationName;
		return new ServiceTokens(properties, clientId, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class ServiceCallsConfiguration {

		@Bean
		RestClientCustomizer serviceCallRestClientCustomizer(ServiceTokens serviceTokens) {
			ServiceCallInterceptor interceptor = new ServiceCallInterceptor(serviceTokens);
			return (builder) -> builder.requestInterceptor(interceptor);
		}

	}

}
