package io.noterag.gateway.auth.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/** RSA private keys as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) and back. */
final class PemKeys {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private PemKeys() {
	}

	static String toPem(PrivateKey key) {
		return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded()) + "\n"
				+ END + "\n";
	}

	/**
	 * Reads an RSA private key and derives its public half.
	 * @param pem PKCS#8 PEM text
	 * @param kid the key id, or {@code null} for the RFC 7638 thumbprint
	 * @return the key pair as a JWK for RS256 signatures
	 */
	static RSAKey parse(String pem, String kid) {
		if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
			throw new IllegalArgumentException("The signing key must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY); "
					+ "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
		}
		int begin = pem.indexOf(BEGIN);
		int end = pem.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalArgumentException("The signing key is not a PEM with BEGIN PRIVATE KEY");
		}
		String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			PrivateKey privateKey = factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
				throw new IllegalArgumentException("The signing key must be an RSA key with CRT parameters");
			}
			RSAPublicKey publicKey = (RSAPublicKey) factory
				.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
			RSAKey.Builder builder = new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256);
			return (kid != null) ? builder.keyID(kid).build() : builder.keyIDFromThumbprint().build();
		}
		catch (GeneralSecurityException | JOSEException | IllegalArgumentException ex) {
			if (ex instanceof IllegalArgumentException iae && iae.getMessage() != null
					&& iae.getMessage().startsWith("The signing key")) {
				throw iae;
			}
			throw new IllegalArgumentException("The signing key could not be read as an RSA PKCS#8 key", ex);
		}
	}

}
