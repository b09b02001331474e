package io.noterag.shared.test;

import com.nimbusds.jose.JOSEException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * For slice tests of one service without a gateway: validates tokens made by
 * {@link TestTokens} with the same checks as in production, but against the test key
 * instead of the gateway's JWKS.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJwtDecoderConfiguration {

	@Bean
	JwtDecoder jwtDecoder() throws JOSEException {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(TestTokens.key().toRSAPublicKey()).build();
		decoder
			.setJwtValidator(org.springframework.security.oauth2.jwt.JwtValidators.createDefaultWithIssuer("noterag"));
		return decoder;
	}

}
