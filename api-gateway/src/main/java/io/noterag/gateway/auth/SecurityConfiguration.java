package io.noterag.gateway.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import reactor.core.publisher.Flux;

import io.noterag.gateway.auth.internal.SigningKeys;
import io.noterag.gateway.web.ProblemResponses;
import io.noterag.shared.security.Roles;
import io.noterag.shared.security.SecurityProperties;

/**
 * The gateway validates bearer tokens itself, with its own keys, before routing: every
 * {@code /api/v2/**} request needs a valid access token except sign-in and refresh;
 * {@code /api/v2/admin/**} needs the admin role. The Authorization header is passed on
 * unchanged and the services validate it again. Stateless: no session, no saved request.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

	@Bean
	ReactiveJwtDecoder gatewayJwtDecoder(SigningKeys keys, SecurityProperties security) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> keys.verificationKeys(jwt.getHeader().getKeyID()))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(security.clockSkew()),
				new JwtIssuerValidator(security.issuer())));
		return decoder;
	}

	/**
	 * Requests refused by Spring Security's firewall (paths with {@code ..}, encoded
	 * slashes or dots, and the like: ways to reach {@code /internal/**} through another
	 * route) get a problem detail like every other error.
	 */
	@Bean
	ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemResponses problems) {
		return (exchange, ex) -> problems.write(exchange, HttpStatus.BAD_REQUEST, "Bad request",
				"The request path is not acceptable: it must be normalized, without encoded slashes or dots.");
	}

	@Bean
	SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			ProblemResponses problems) {
		ServerAuthenticationEntryPoint entryPoint = (exchange, ex) -> {
			String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			boolean presented = authorization != null && !authorization.isBlank();
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
			return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
					presented ? "The bearer token is invalid or has expired." : "A bearer token is required.");
		};
		ServerAccessDeniedHandler denied = (exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
				"Your role does not allow this operation.");
		ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> {
			String role = jwt.getClaimAsString("role");
			return (role == null) ? Flux.empty() : Flux.just(new SimpleGrantedAuthority(Roles.authority(role)));
		});
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.pathMatchers("/api/v2/auth/login", "/api/v2/auth/refresh")
				.permitAll()
				// Microsoft's redirect after a user connects a OneNote source: the
				// single-use
				// state it carries is the credential, checked by document-service
				.pathMatchers(HttpMethod.GET, "/api/v2/sources/oauth/callback")
				.permitAll()
				.pathMatchers("/api/v2/admin/**")
				.hasRole(Roles.ADMIN.toUpperCase())
				.pathMatchers("/api/v2/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((rs) -> rs.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(denied))
			.exceptionHandling((e) -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
			.build();
	}

}
