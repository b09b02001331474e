package io.noterag.shared.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link ObjectStore} adapter promises. An adapter's test extends
 * this class and supplies a store; keys are made unique per test so that a shared server
 * needs no cleaning between runs.
 */
public abstract class ObjectStoreContractTests {

	private ObjectStore store;

	private String prefix;

	/**
	 * The store under test; called before each test.
	 * @return a store
	 * @throws Exception when the store cannot be made
	 */
	protected abstract ObjectStore createObjectStore() throws Exception;

	@BeforeEach
	void setUpObjectStore() throws Exception {
		this.store = createObjectStore();
		this.prefix = "contract/" + UUID.randomUUID() + "/";
	}

	protected ObjectStore store() {
		return this.store;
	}

	protected String key(String name) {
		return this.prefix + name;
	}

	@Test
	void shouldReturnTheExactBytesThatWereStored() {
		byte[] data = new byte[256 * 4];
		for (int i = 0; i < data.length; i++) {
			data[i] = (byte) i;
		}
		this.store.put(key("images/original.png"), data, "image/png");

		assertThat(this.store.get(key("images/original.png")))
			.hasValueSatisfying((read) -> assertThat(read).isEqualTo(data));
		assertThat(this.store.exists(key("images/original.png"))).isTrue();
	}

	@Test
	void shouldStoreAnEmptyObject() {
		this.store.put(key("empty.bin"), new byte[0], "application/octet-stream");

		assertThat(this.store.exists(key("empty.bin"))).isTrue();
		assertThat(this.store.get(key("empty.bin"))).hasValueSatisfying((read) -> assertThat(read).isEmpty());
	}

	@Test
	void shouldReplaceAnObjectWrittenUnderTheSameKey() {
		this.store.put(key("note.txt"), bytes("first version, which is longer"), "text/plain");
		this.store.put(key("note.txt"), bytes("second"), "text/plain");

		assertThat(this.store.get(key("note.txt"))).map(ObjectStoreContractTests::text).contains("second");
	}

	@Test
	void shouldAnswerEmptyForAKeyThatWasNeverStored() {
		assertThat(this.store.get(key("missing.png"))).isEmpty();
		assertThat(this.store.exists(key("missing.png"))).isFalse();
	}

	@Test
	void shouldForgetAnObjectOnceDeleted() {
		this.store.put(key("a/thumbnail.png"), bytes("thumb"), "image/png");

		this.store.delete(key("a/thumbnail.png"));

		assertThat(this.store.exists(key("a/thumbnail.png"))).isFalse();
		assertThat(this.store.get(key("a/thumbnail.png"))).isEmpty();
	}

	@Test
	void shouldAcceptDeletingAMissingObject() {
		this.store.delete(key("never/stored.png"));
		this.store.delete(key("never/stored.png"));

		assertThat(this.store.exists(key("never/stored.png"))).isFalse();
	}

	@Test
	void shouldKeepSiblingObjectsWhenOneIsDeleted() {
		this.store.put(key("img/original.png"), bytes("original"), "image/png");
		this.store.put(key("img/thumbnail.png"), bytes("thumbnail"), "image/png");

		this.store.delete(key("img/original.png"));

		assertThat(this.store.get(key("img/thumbnail.png"))).map(ObjectStoreContractTests::text).contains("thumbnail");
	}

	@Test
	void shouldNotTreatAKeyPrefixAsAnObject() {
		this.store.put(key("doc/image/original.png"), bytes("x"), "image/png");

		assertThat(this.store.exists(key("doc/image"))).isFalse();
		assertThat(this.store.get(key("doc/image"))).isEmpty();
		assertThat(this.store.exists(key("doc/image/original"))).isFalse();
	}

	@Test
	void shouldStoreKeysWithSpacesAndNonAsciiCharacters() {
		this.store.put(key("notes/Réunion du lundi.png"), bytes("accents"), "image/png");

		assertThat(this.store.get(key("notes/Réunion du lundi.png"))).map(ObjectStoreContractTests::text)
			.contains("accents");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "/absolute/key.png", "../escape.png", "a/../../escape.png", "a/./b.png",
			"a//b.png", "a/b/", "a\\b.png", "nul\0byte.png", "..", "." })
	void shouldRejectKeysThatAreNotSafeRelativePaths(String badKey) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.put(badKey, bytes("x"), "image/png"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.get(badKey));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.exists(badKey));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.delete(badKey));
	}

	@Test
	void shouldRejectANullKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.put(null, bytes("x"), "image/png"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.get(null));
	}

	@Test
	void shouldNeverLetAReaderSeeAHalfWrittenObject() throws Exception {
		byte[] first = filled(2 * 1024 * 1024, (byte) 'a');
		byte[] second = filled(3 * 1024 * 1024, (byte) 'b');
		String key = key("race/object.bin");
		this.store.put(key, first, "application/octet-stream");
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<?> writer = executor.submit(() -> {
				Instant end = Instant.now().plus(Duration.ofSeconds(2));
				int round = 0;
				while (Instant.now().isBefore(end) && round < 40) {
					this.store.put(key, (round % 2 == 0) ? second : first, "application/octet-stream");
					round++;
				}
				writing.set(false);
			});
			int reads = 0;
			while (writing.get() && reads < 1000) {
				Optional<byte[]> read = this.store.get(key);
				assertThat(read).isPresent();
				assertThat(Arrays.equals(read.get(), first) || Arrays.equals(read.get(), second))
					.as("read %d returned %d bytes that are neither complete version", reads, read.get().length)
					.isTrue();
				reads++;
			}
			writer.get();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static byte[] filled(int size, byte value) {
		byte[] data = new byte[size];
		Arrays.fill(data, value);
		return data;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] data) {
		return new String(data, StandardCharsets.UTF_8);
	}

}
