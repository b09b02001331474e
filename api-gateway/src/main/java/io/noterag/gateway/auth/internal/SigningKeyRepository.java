package io.noterag.gateway.auth.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code signing_keys} table. At most one key is active (a partial unique index), so
 * that replicas starting at the same moment agree on one.
 */
public class SigningKeyRepository {

	private final JdbcClient jdbc;

	public SigningKeyRepository(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
	}

	public Optional<StoredKey> findActive() {
		return this.jdbc.sql("SELECT kid, private_key_pem FROM signing_keys WHERE active")
			.query((rs, row) -> new StoredKey(rs.getString("kid"), rs.getString("private_key_pem")))
			.optional();
	}

	/**
	 * Stores a key as the active one unless another replica stored one first.
	 * @param kid key id
	 * @param privateKeyPem the private key, PKCS#8 PEM
	 * @param publicJwk the public JWK as JSON
	 * @return whether this key was stored
	 */
	public boolean insertIfNoneActive(String kid, String privateKeyPem, String publicJwk) {
		return this.jdbc.sql("""
				INSERT INTO signing_keys (kid, algorithm, private_key_pem, public_jwk, active)
				VALUES (:kid, 'RS256', :pem, CAST(:jwk AS JSONB), TRUE)
				ON CONFLICT DO NOTHING
				""").param("kid", kid).param("pem", privateKeyPem).param("jwk", publicJwk).update() == 1;
	}

	/**
	 * The public JWKs of all keys, active or retired, newest first: tokens signed by a
	 * retired key stay valid until they expire.
	 * @return JWK JSON objects
	 */
	public List<String> publicJwks() {
		return this.jdbc.sql("SELECT public_jwk::text FROM signing_keys ORDER BY created_at DESC")
			.query(String.class)
			.list();
	}

	/**
	 * A stored key.
	 *
	 * @param kid key id
	 * @param privateKeyPem the private key
	 */
	public record StoredKey(String kid, String privateKeyPem) {

	}

}
