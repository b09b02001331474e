package io.noterag.gateway.auth.internal;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The RS256 key that signs access tokens, and the public keys that verify them.
 * <p>
 * By default the key lives in the {@code signing_keys} table so that every replica signs
 * and verifies with the same key: the first replica to start generates it and stores it
 * (a partial unique index lets only one active key in; a replica that loses the race
 * reads the winner's key back). The private key is stored as plain PKCS#8 PEM: the
 * {@code identity} schema is readable by the gateway only, and deployments that keep
 * signing keys out of the database give a PEM file instead
 * ({@code noterag.auth.signing-key.private-key-location}), in which case the database is
 * not used for keys at all.
 */
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

	private final SigningKeyRepository repository;

	private final RSAKey signingKey;

	private volatile JWKSet publicKeys;

	private volatile long lastReloadNanos;

	private SigningKeys(SigningKeyRepository repository, RSAKey signingKey, JWKSet publicKeys) {
		this.repository = repository;
		this.signingKey = signingKey;
		this.publicKeys = publicKeys;
		this.lastReloadNanos = System.nanoTime();
	}

	/**
	 * The key from the database, created there when there is none yet.
	 * @param repository the table
	 * @return the keys
	 */
	public static SigningKeys fromDatabase(SigningKeyRepository repository) {
		SigningKeyRepository.StoredKey stored = repository.findActive().orElseGet(() -> {
			RSAKey generated = generate();
			boolean inserted = repository.insertIfNoneActive(generated.getKeyID(), PemKeys.toPem(privateKey(generated)),
					generated.toPublicJWK().toJSONString());
			log.info(inserted ? "Created the token signing key {}"
					: "Another replica created the signing key first ({} discarded)", generated.getKeyID());
			return repository.findActive()
				.orElseThrow(() -> new IllegalStateException("No active signing key after creating one"));
		});
		RSAKey key = PemKeys.parse(stored.privateKeyPem(), stored.kid());
		log.info("Signing access tokens with key {}", key.getKeyID());
		return new SigningKeys(repository, key, load(repository));
	}

	/**
	 * A key given as a PEM file; the database holds no key.
	 * @param pem PKCS#8 PEM text
	 * @return the keys
	 */
	public static SigningKeys fromPem(String pem) {
		RSAKey key = PemKeys.parse(pem, null);
		log.info("Signing access tokens with key {} from the configured PEM file", key.getKeyID());
		return new SigningKeys(null, key, new JWKSet(key.toPublicJWK()));
	}

	/** The private key that signs new tokens. */
	public RSAKey signingKey() {
		return this.signingKey;
	}

	/**
	 * The public keys to try on a token: those with its key id, reloaded from the
	 * database once when the id is unknown here (a key made by another replica).
	 * @param kid the token's key id, or {@code null}
	 * @return matching public keys; none when the key is unknown
	 */
	public Flux<JWK> verificationKeys(String kid) {
		List<JWK> found = matching(this.publicKeys, kid);
		if (!found.isEmpty() || this.repository == null
				|| System.nanoTime() - this.lastReloadNanos < RELOAD_AT_MOST_EVERY.toNanos()) {
			return Flux.fromIterable(found);
		}
		return Mono.fromCallable(this::reload)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapMany((keys) -> Flux.fromIterable(matching(keys, kid)));
	}

	/**
	 * The public keys for {@code /oauth2/jwks}; blocking (reads the database).
	 * @return the JWK set without any private part
	 */
	public JWKSet publicJwkSet() {
		return (this.repository != null) ? reload() : this.publicKeys;
	}

	private JWKSet reload() {
		JWKSet keys = load(this.repository);
		this.publicKeys = keys;
		this.lastReloadNanos = System.nanoTime();
		return keys;
	}

	private static List<JWK> matching(JWKSet keys, String kid) {
		if (kid == null) {
			return keys.getKeys();
		}
		List<JWK> found = new ArrayList<>();
		for (JWK key : keys.getKeys()) {
			if (kid.equals(key.getKeyID())) {
				found.add(key);
			}
		}
		return found;
	}

	private static JWKSet load(SigningKeyRepository repository) {
		List<JWK> keys = new ArrayList<>();
		for (String json : repository.publicJwks()) {
			try {
				keys.add(JWK.parse(json).toPublicJWK());
			}
			catch (ParseException ex) {
				log.error("Ignoring an unreadable public key in signing_keys: {}", ex.getMessage());
			}
		}
		return new JWKSet(keys);
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA signing key", ex);
		}
	}

	private static java.security.PrivateKey privateKey(RSAKey key) {
		try {
			return key.toPrivateKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
