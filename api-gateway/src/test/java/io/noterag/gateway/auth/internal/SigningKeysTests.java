package io.noterag.gateway.auth.internal;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.UUID;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SigningKeysTests {

	@Test
	void shouldSignWithAKeyGivenAsAPkcs8PemFileAndPublishOnlyItsPublicHalf() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		SigningKeys keys = SigningKeys.fromPem(PemKeys.toPem(pair.getPrivate()));

		TokenIssuer issuer = new TokenIssuer(keys, "noterag", Duration.ofMinutes(5));
		String token = issuer.forUser(new UserAccount(UUID.randomUUID(), "a@dev.local", "a", "user", true)).value();

		SignedJWT jwt = SignedJWT.parse(token);
		JWK published = keys.publicJwkSet().getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(published.isPrivate()).isFalse();
		assertThat(jwt.verify(new RSASSAVerifier(published.toRSAKey()))).isTrue();
		assertThat(published.toRSAKey().toRSAPublicKey()).isEqualTo(pair.getPublic());
		assertThat(keys.verificationKeys("unknown-kid").collectList().block()).isEmpty();
	}

	@Test
	void shouldKeepTheKeyIdAcrossAPemRoundTrip() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = PemKeys.toPem(generator.generateKeyPair().getPrivate());

		RSAKey key = PemKeys.parse(pem, "kid-1");

		assertThat(key.getKeyID()).isEqualTo("kid-1");
		assertThat(PemKeys.parse(PemKeys.toPem(key.toPrivateKey()), "kid-1")).isEqualTo(key);
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
	}

	@Test
	void shouldExplainWhatToDoWithAKeyInTheWrongFormat() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> PemKeys.parse("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", null))
			.withMessageContaining("openssl pkcs8 -topk8");
		assertThatIllegalArgumentException().isThrownBy(() -> PemKeys.parse("not a key", null))
			.withMessageContaining("BEGIN PRIVATE KEY");
	}

}
