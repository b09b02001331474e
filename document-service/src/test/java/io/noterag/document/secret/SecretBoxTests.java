package io.noterag.document.secret;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTests {

	private static final String KEY = key(1);

	private static final String OLD_KEY = key(2);

	@Test
	void shouldOpenWhatItSealedInTheSameContext() {
		SecretBox box = new SecretBox(new SecretsProperties(KEY, List.of()));

		String sealed = box.seal("dapi0123456789abcdef", "data_sources/1/credentials/token");

		assertThat(sealed).startsWith("v1:" + box.currentKeyId() + ":").doesNotContain("dapi0123456789abcdef");
		assertThat(box.open(sealed, "data_sources/1/credentials/token")).isEqualTo("dapi0123456789abcdef");
	}

	@Test
	void shouldUseAFreshNonceForEveryValue() {
		SecretBox box = new SecretBox(new SecretsProperties(KEY, List.of()));

		String first = box.seal("same secret", "context");
		String second = box.seal("same secret", "context");

		assertThat(first).isNotEqualTo(second);
		byte[] firstBytes = Base64.getUrlDecoder().decode(first.split(":")[2]);
		byte[] secondBytes = Base64.getUrlDecoder().decode(second.split(":")[2]);
		// 12-byte nonce, ciphertext as long as the value, 16-byte tag
		assertThat(firstBytes).hasSize(12 + "same secret".length() + 16);
		assertThat(java.util.Arrays.copyOf(firstBytes, 12)).isNotEqualTo(java.util.Arrays.copyOf(secondBytes, 12));
	}

	@Test
	void shouldRefuseAValueMovedToAnotherContext() {
		SecretBox box = new SecretBox(new SecretsProperties(KEY, List.of()));
		String sealed = box.seal("secret", "data_sources/1/credentials/token");

		assertThatThrownBy(() -> box.open(sealed, "data_sources/2/credentials/token"))
			.isInstanceOf(SecretUnreadableException.class)
			.hasMessageContaining("altered or belongs to something else")
			.hasMessageNotContaining("secret\"");
	}

	@Test
	void shouldRefuseAnAlteredValue() {
		SecretBox box = new SecretBox(new SecretsProperties(KEY, List.of()));
		String sealed = box.seal("secret", "context");
		byte[] bytes = Base64.getUrlDecoder().decode(sealed.split(":")[2]);
		bytes[14] ^= 1;
		String altered = "v1:" + box.currentKeyId() + ":"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

		assertThatThrownBy(() -> box.open(altered, "context")).isInstanceOf(SecretUnreadableException.class);
		assertThatThrownBy(() -> box.open("v1:" + box.currentKeyId() + ":AAAA", "context"))
			.isInstanceOf(SecretUnreadableException.class);
		assertThatThrownBy(() -> box.open("plain text", "context")).isInstanceOf(SecretUnreadableException.class)
			.hasMessageContaining("not in a known sealed format");
	}

	@Test
	void shouldOpenValuesSealedWithAPreviousKeyAfterARotationAndSealNewOnesWithTheNewKey() {
		SecretBox before = new SecretBox(new SecretsProperties(OLD_KEY, List.of()));
		String old = before.seal("refresh token", "context");

		SecretBox after = new SecretBox(new SecretsProperties(KEY, List.of(OLD_KEY)));

		assertThat(after.open(old, "context")).isEqualTo("refresh token");
		assertThat(SecretBox.keyIdOf(after.seal("new", "context"))).isEqualTo(after.currentKeyId())
			.isNotEqualTo(before.currentKeyId());
		assertThat(after.keyIds()).containsExactlyInAnyOrder(after.currentKeyId(), before.currentKeyId());
	}

	@Test
	void shouldNameTheMissingKeyOfAValueItCannotOpen() {
		SecretBox before = new SecretBox(new SecretsProperties(OLD_KEY, List.of()));
		String old = before.seal("refresh token", "context");
		SecretBox after = new SecretBox(new SecretsProperties(KEY, List.of()));

		assertThatThrownBy(() -> after.open(old, "context")).isInstanceOf(SecretUnreadableException.class)
			.hasMessageContaining("key " + before.currentKeyId())
			.hasMessageContaining("previous-keys");
	}

	@Test
	void shouldReadButNotSealWithoutACurrentKey() {
		SecretBox none = new SecretBox(new SecretsProperties(null, List.of()));

		assertThat(none.canSeal()).isFalse();
		assertThatThrownBy(() -> none.seal("secret", "context")).isInstanceOf(SecretKeyMissingException.class)
			.hasMessageContaining("NOTERAG_SECRETS_KEY")
			.hasMessageContaining("openssl rand -base64 32");
	}

	@Test
	void shouldRefuseMalformedKeysWithoutRepeatingThem() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecretBox(new SecretsProperties("not*base64!", List.of())))
			.withMessageContaining("NOTERAG_SECRETS_KEY")
			.withMessageContaining("not valid base64")
			.withMessageNotContaining("not*base64!");
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatIllegalStateException().isThrownBy(() -> new SecretBox(new SecretsProperties(shortKey, List.of())))
			.withMessageContaining("decodes to 16 bytes")
			.withMessageNotContaining(shortKey);
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecretBox(new SecretsProperties(KEY, List.of("c2hvcnQ="))))
			.withMessageContaining("NOTERAG_SECRETS_PREVIOUS_KEYS");
	}

	@Test
	void shouldNeverPrintAKey() {
		SecretsProperties properties = new SecretsProperties(KEY, List.of(OLD_KEY));
		SecretBox box = new SecretBox(properties);

		assertThat(properties.toString()).doesNotContain(KEY).doesNotContain(OLD_KEY).contains("(set)");
		assertThat(box.toString()).doesNotContain(KEY).doesNotContain(OLD_KEY);
	}

	private static String key(int seed) {
		byte[] bytes = new byte[32];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (seed * 31 + i * 7);
		}
		return Base64.getEncoder().encodeToString(bytes);
	}

}
