package io.noterag.document.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals and opens secrets with AES-256-GCM. A sealed value reads
 * {@code v1:<key id>:<base64url(nonce | ciphertext | tag)>}: the format version, the id
 * of the key that sealed it (a fingerprint of the key, not the key), then a fresh random
 * 96-bit nonce with the ciphertext and its 128-bit tag. The format, the key id and the
 * caller's context are authenticated as associated data, so a value moved to another row
 * or altered in any way does not open.
 */
@Component
public class SecretBox {

	private static final String VERSION = "v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int KEY_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final String currentKeyId;

	/** Every key by its id, the current one first. */
	private final Map<String, SecretKey> keys;

	public SecretBox(SecretsProperties properties) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		String current = null;
		if (properties.key() != null && !properties.key().isBlank()) {
			SecretKey key = parse(properties.key(), "noterag.secrets.key (NOTERAG_SECRETS_KEY)");
			current = keyId(key);
			keys.put(current, key);
		}
		List<String> previous = (properties.previousKeys() != null) ? properties.previousKeys() : List.of();
		for (int i = 0; i < previous.size(); i++) {
			if (previous.get(i) == null || previous.get(i).isBlank()) {
				continue;
			}
			SecretKey key = parse(previous.get(i),
					"noterag.secrets.previous-keys[" + i + "] (NOTERAG_SECRETS_PREVIOUS_KEYS)");
			keys.putIfAbsent(keyId(key), key);
		}
		this.currentKeyId = current;
		this.keys = Map.copyOf(keys);
	}

	/**
	 * Whether new secrets can be sealed.
	 * @return whether the current key is configured
	 */
	public boolean canSeal() {
		return this.currentKeyId != null;
	}

	/**
	 * The id of the key that seals new values.
	 * @return the key id, or {@code null} when no key is configured
	 */
	public String currentKeyId() {
		return this.currentKeyId;
	}

	/**
	 * The ids of every key that can open values: the current and the previous ones.
	 * @return the key ids
	 */
	public Set<String> keyIds() {
		return this.keys.keySet();
	}

	/**
	 * Seals a value with the current key.
	 * @param plain the value
	 * @param context what it belongs to (e.g. {@code data_sources/<id>/token}); the same
	 * context is needed to open it
	 * @return the sealed value
	 * @throws SecretKeyMissingException when no key is configured
	 */
	public String seal(String plain, String context) {
		if (this.currentKeyId == null) {
			throw new SecretKeyMissingException();
		}
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData(this.currentKeyId, context));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return VERSION + ":" + this.currentKeyId + ":"
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this Java runtime", ex);
		}
	}

	/**
	 * Opens a sealed value.
	 * @param sealed the value as {@link #seal} returned it
	 * @param context the context it was sealed with
	 * @return the plain value
	 * @throws SecretUnreadableException when the key is not configured or the value does
	 * not open
	 */
	public String open(String sealed, String context) {
		String[] parts = (sealed != null) ? sealed.split(":", 3) : new String[0];
		if (parts.length != 3 || !VERSION.equals(parts[0])) {
			throw new SecretUnreadableException("A stored secret of " + context + " is not in a known sealed format.");
		}
		SecretKey key = this.keys.get(parts[1]);
		if (key == null) {
			throw new SecretUnreadableException("A stored secret of " + context + " was encrypted with key " + parts[1]
					+ ", which is not configured: give it in noterag.secrets.key or "
					+ "noterag.secrets.previous-keys.");
		}
		try {
			byte[] in = Base64.getUrlDecoder().decode(parts[2]);
			if (in.length < NONCE_BYTES + TAG_BITS / 8) {
				throw new SecretUnreadableException("A stored secret of " + context + " is truncated.");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData(parts[1], context));
			byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | AEADBadTagException ex) {
			throw new SecretUnreadableException("A stored secret of " + context + " does not open with key " + parts[1]
					+ ": it was altered or " + "belongs to something else.");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this Java runtime", ex);
		}
	}

	/**
	 * The id of the key that sealed a value.
	 * @param sealed a sealed value
	 * @return its key id, or {@code null} when it is not a sealed value
	 */
	public static String keyIdOf(String sealed) {
		String[] parts = (sealed != null) ? sealed.split(":", 3) : new String[0];
		return (parts.length == 3 && VERSION.equals(parts[0])) ? parts[1] : null;
	}

	private static byte[] associatedData(String keyId, String context) {
		return (VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
	}

	private static SecretKey parse(String encoded, String name) {
		byte[] bytes;
		String trimmed = encoded.trim();
		try {
			bytes = (trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(trimmed)
					: Base64.getDecoder().decode(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(name + " is not valid base64: it must be the base64 encoding of "
					+ KEY_BYTES + " random bytes, e.g. the output of 'openssl rand -base64 32'.");
		}
		if (bytes.length != KEY_BYTES) {
			throw new IllegalStateException(name + " decodes to " + bytes.length + " bytes; it must be the base64 "
					+ "encoding of exactly " + KEY_BYTES + " random bytes (AES-256), e.g. the output of "
					+ "'openssl rand -base64 32'.");
		}
		return new SecretKeySpec(bytes, "AES");
	}

	private static String keyId(SecretKey key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update("noterag-secrets-key-id:".getBytes(StandardCharsets.US_ASCII));
			byte[] hash = digest.digest(key.getEncoded());
			return HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "SecretBox[currentKeyId=" + this.currentKeyId + ", keyIds=" + this.keys.keySet() + "]";
	}

}
