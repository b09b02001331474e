package io.noterag.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.SearchFilter;
import io.noterag.shared.vector.VectorStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync that survives its worker being killed: a folder of a few hundred files is synced
 * while the indexing worker is killed with SIGKILL several times and started again; once
 * the job finishes, every file is a document exactly once, with exactly its chunks in the
 * index. Then an edited file is indexed again once and a deleted one disappears from
 * answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncCrashIT {

	private static final int FILES = 240;

	private static final int KILLS = 3;

	private static Suite suite;

	private static Api api;

	private static String admin;

	private static Path folder;

	private static String sourceId;

	private static Worker worker;

	@BeforeAll
	static void startTheSuite() throws Exception {
		suite = Suite.start("crash", 1, Map.of("indexing-worker",
				Map.of("NOTERAG_INDEXING_RETRY_DELAYS", "500ms,1s,2s", "NOTERAG_INDEXING_ITEMS_CONCURRENCY", "2")));
		api = new Api(suite.gatewayUrl());
		admin = api.login("crash-admin", "admin");
		folder = Files.createDirectories(suite.sourcesDir().resolve("crash"));
		for (int i = 0; i < FILES; i++) {
			Files.writeString(folder.resolve(fileName(i)), text(i, codeword(i)));
		}
		worker = Worker.of(suite.instances("indexing-worker").get(0));
	}

	@AfterAll
	static void stopTheSuite() {
		if (worker != null) {
			worker.stop();
		}
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	@Order(1)
	void shouldIndexEveryFileExactlyOnceThoughTheWorkerIsKilledSeveralTimesMidSync() throws Exception {
		Api.Response created = api.post("/api/v2/admin/sources", admin,
				Map.of("type", "filesystem", "name", "Crash notes", "config", Map.of("path", folder.toString())));
		assertThat(created.status()).as(created.raw()).isEqualTo(201);
		sourceId = created.body().get("id").asString();

		List<Integer> killedAt = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (killedAt.size() < KILLS && System.nanoTime() < deadline) {
			JsonNode job = latestJob();
			String state = (job != null) ? job.get("state").asString() : "none";
			if (List.of("succeeded", "completed_with_errors", "failed").contains(state)) {
				break;
			}
			int processed = (job != null) ? job.path("processed").asInt(0) : 0;
			int threshold = (killedAt.size() + 1) * FILES / (KILLS + 2);
			if ("running".equals(state) && processed >= threshold && processed < FILES - 10) {
				worker.kill();
				killedAt.add(processed);
				worker.restart();
			}
			else {
				Thread.sleep(100);
			}
		}
		JsonNode job = api.awaitJob(admin, sourceId);

		assertThat(killedAt).as("the worker was killed mid-sync (items processed at each kill)").hasSize(KILLS);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.get("total").asInt()).isEqualTo(FILES);
		assertThat(job.get("failed").asInt()).isZero();
		assertThat(job.get("indexed").asInt() + job.get("skipped_unchanged").asInt()).isEqualTo(FILES);
		assertThat(job.get("processed").asInt()).isEqualTo(FILES);

		Map<String, JsonNode> documents = documents();
		Set<String> expected = new HashSet<>();
		for (int i = 0; i < FILES; i++) {
			expected.add(documentId(fileName(i)));
		}
		assertThat(documents.keySet()).as("one document per file").isEqualTo(expected);
		try (Index index = Index.open(suite)) {
			long chunks = 0;
			for (JsonNode document : documents.values()) {
				int recorded = document.get("chunk_count").asInt();
				assertThat(recorded).isPositive();
				assertThat(index.chunks(document.get("id").asString()))
					.as("chunks of %s", document.get("source_id").asString())
					.isEqualTo(recorded);
				chunks += recorded;
			}
			assertThat(index.count()).as("no chunk in the index beyond the documents'").isEqualTo(chunks);
		}
	}

	@Test
	@Order(2)
	void shouldIndexAnEditedFileOnceAndForgetADeletedOne() throws Exception {
		String previousJob = latestJob().get("id").asString();
		Files.writeString(folder.resolve(fileName(7)),
				"Shelf 7 now holds the violin collection of the music department, codeword qxedited.\n");
		Files.delete(folder.resolve(fileName(8)));

		Api.Response sync = api.post("/api/v2/admin/sources/" + sourceId + "/sync", admin, Map.of());
		assertThat(sync.status()).as(sync.raw()).isBetween(200, 202);
		JsonNode job = awaitJobAfter(previousJob);

		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.get("indexed").asInt()).isEqualTo(1);
		assertThat(job.get("deleted").asInt()).isEqualTo(1);
		assertThat(job.get("skipped_unchanged").asInt()).isEqualTo(FILES - 2);
		Map<String, JsonNode> documents = documents();
		assertThat(documents).hasSize(FILES - 1).doesNotContainKey(documentId(fileName(8)));
		// query-service's reader sees the index's latest commit after its refresh
		// interval
		List<String> edited = List.of();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			edited = search("Which shelf holds the violin collection of the music department?");
			if (!edited.isEmpty() && edited.getFirst().equals(documentId(fileName(7)))) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(edited).first().isEqualTo(documentId(fileName(7)));
		assertThat(search(codeword(8))).doesNotContain(documentId(fileName(8)));
		String alice = api.login("crash-alice", "user");
		Api.Response answer = api.post("/api/v2/query", alice,
				Map.of("question", "What is the codeword of shelf 8? It is " + codeword(8) + "."));
		assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
		assertThat(answer.body().get("sources").valueStream().map((source) -> source.path("url").asString("")))
			.noneMatch((url) -> url.endsWith(fileName(8)));
		try (Index index = Index.open(suite)) {
			assertThat(index.chunks(documentId(fileName(8)))).isZero();
			assertThat(index.chunks(documentId(fileName(7))))
				.isEqualTo(documents.get(documentId(fileName(7))).get("chunk_count").asInt());
		}
	}

	private static JsonNode latestJob() {
		Api.Response response = api.get("/api/v2/admin/sources/" + sourceId, admin);
		JsonNode job = (response.body() != null) ? response.body().get("latest_job") : null;
		return (job != null && !job.isNull()) ? job : null;
	}

	private static JsonNode awaitJobAfter(String previousJob) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline) {
			JsonNode job = latestJob();
			if (job != null && !job.get("id").asString().equals(previousJob)
					&& List.of("succeeded", "completed_with_errors", "failed").contains(job.get("state").asString())) {
				return job;
			}
			Thread.sleep(300);
		}
		throw new AssertionError("No new sync job finished; latest: " + latestJob());
	}

	private static Map<String, JsonNode> documents() {
		Map<String, JsonNode> documents = new LinkedHashMap<>();
		int offset = 0;
		while (true) {
			Api.Response page = api.get("/api/v2/documents?limit=100&offset=" + offset, admin);
			assertThat(page.status()).as(page.raw()).isEqualTo(200);
			List<JsonNode> found = page.body().get("documents").valueStream().toList();
			for (JsonNode document : found) {
				if (sourceId.equals(document.get("data_source_id").asString())) {
					JsonNode previous = documents.put(document.get("id").asString(), document);
					assertThat(previous).as("document listed twice").isNull();
				}
			}
			if (found.size() < 100) {
				return documents;
			}
			offset += found.size();
		}
	}

	private static List<String> search(String query) {
		Api.Response response = api.post("/api/v2/documents/search", admin, Map.of("query", query, "limit", 5));
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.body().get("documents").valueStream().map((document) -> document.get("id").asString()).toList();
	}

	private static String documentId(String file) {
		return ChunkIds.documentId(sourceId, file);
	}

	private static String fileName(int i) {
		return String.format(Locale.ROOT, "shelf-%03d.txt", i);
	}

	private static String text(int i, String codeword) {
		return "Shelf " + i + " of the archive holds the records of project " + (1000 + i)
				+ ".\n\nThe codeword of shelf " + i + " is " + codeword + ".\n";
	}

	/** A word found in one file only: {@code qx} and the number in letters. */
	private static String codeword(int i) {
		StringBuilder word = new StringBuilder("qx");
		int n = i + 26 * 26;
		while (n > 0) {
			word.append((char) ('a' + n % 26));
			n /= 26;
		}
		return word.toString();
	}

	/**
	 * The indexing worker process: killed with SIGKILL and started again with the same
	 * command, environment and working directory as the suite started it.
	 */
	private static final class Worker {

		private final List<String> command;

		private final Map<String, String> environment;

		private final Path directory;

		private final int port;

		private final HttpClient http = HttpClient.newHttpClient();

		private Process process;

		private int restarts;

		private Worker(Process process, List<String> command, Map<String, String> environment, Path directory) {
			this.process = process;
			this.command = command;
			this.environment = environment;
			this.directory = directory;
			this.port = Integer.parseInt(environment.get("SERVER_PORT"));
		}

		static Worker of(Suite.Instance instance) throws IOException {
			long pid = instance.process().pid();
			List<String> command = split(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")));
			Map<String, String> environment = new HashMap<>();
			for (String variable : split(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")))) {
				int equals = variable.indexOf('=');
				if (equals > 0) {
					environment.put(variable.substring(0, equals), variable.substring(equals + 1));
				}
			}
			Path directory = Path.of("/proc/" + pid + "/cwd").toRealPath();
			return new Worker(instance.process(), command, environment, directory);
		}

		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			assertThat(this.process.waitFor(20, TimeUnit.SECONDS)).as("the worker died").isTrue();
			assertThat(this.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		}

		void restart() throws IOException, InterruptedException {
			Path log = this.directory.resolve("logs").resolve("indexing-worker-restart-" + ++this.restarts + ".log");
			ProcessBuilder builder = new ProcessBuilder(this.command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().clear();
			builder.environment().putAll(this.environment);
			this.process = builder.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (!ready()) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("The restarted worker is not ready:\n" + Files.readString(log));
				}
				Thread.sleep(200);
			}
		}

		void stop() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

		private boolean ready() {
			try {
				return this.http
					.send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private static List<String> split(byte[] nulSeparated) {
			List<String> parts = new ArrayList<>();
			for (String part : new String(nulSeparated, StandardCharsets.UTF_8).split("\0")) {
				if (!part.isEmpty()) {
					parts.add(part);
				}
			}
			return parts;
		}

	}

	/**
	 * The suite's Lucene index opened as a reader, as query-service opens it. Lucene is
	 * not on this module's class path, so its jars are taken from the indexing worker's
	 * jar and loaded, with the Lucene adapter, by a class loader of their own.
	 */
	private static final class Index implements AutoCloseable {

		private static final SearchFilter EVERYTHING = SearchFilter.forPrincipals(List.of(SearchFilter.ALL));

		private final URLClassLoader loader;

		private final VectorStore store;

		private Index(URLClassLoader loader, VectorStore store) {
			this.loader = loader;
			this.store = store;
		}

		static Index open(Suite suite) throws Exception {
			Path libraries = suite.workDir().resolve("lucene-libs");
			List<URL> urls = new ArrayList<>();
			urls.add(VectorStore.class.getProtectionDomain().getCodeSource().getLocation());
			Path jar = suite.projectRoot().resolve("indexing-worker/target/indexing-worker-" + Suite.VERSION + ".jar");
			Files.createDirectories(libraries);
			try (ZipFile zip = new ZipFile(jar.toFile())) {
				for (ZipEntry entry : zip.stream().toList()) {
					String name = entry.getName();
					if (name.startsWith("BOOT-INF/lib/lucene-") && name.endsWith(".jar")) {
						Path target = libraries.resolve(name.substring(name.lastIndexOf('/') + 1));
						try (InputStream in = zip.getInputStream(entry)) {
							Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
						}
						urls.add(target.toUri().toURL());
					}
				}
			}
			URLClassLoader loader = new LuceneFirst(urls.toArray(URL[]::new), SyncCrashIT.class.getClassLoader());
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(loader);
			try {
				Class<?> type = loader.loadClass("io.noterag.shared.vector.lucene.LuceneVectorStore");
				@SuppressWarnings({ "unchecked", "rawtypes" })
				Object reader = Enum.valueOf((Class) loader.loadClass(type.getName() + "$Mode"), "READER");
				Constructor<?> constructor = type.getConstructor(Path.class, reader.getClass(), Duration.class,
						Duration.class, Integer.class);
				VectorStore store = (VectorStore) constructor.newInstance(suite.workDir().resolve("index"), reader,
						Duration.ofMillis(10), Duration.ZERO, null);
				return new Index(loader, store);
			}
			finally {
				thread.setContextClassLoader(previous);
			}
		}

		int chunks(String documentId) {
			return this.store.chunksOf(documentId, EVERYTHING).size();
		}

		long count() {
			return this.store.count();
		}

		@Override
		public void close() throws Exception {
			if (this.store instanceof AutoCloseable closeable) {
				closeable.close();
			}
			this.loader.close();
		}

	}

	/** Loads Lucene and the Lucene adapter itself, everything else from its parent. */
	private static final class LuceneFirst extends URLClassLoader {

		LuceneFirst(URL[] urls, ClassLoader parent) {
			super(urls, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith("org.apache.lucene.") && !name.startsWith("io.noterag.shared.vector.lucene.")) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> found = findLoadedClass(name);
				if (found == null) {
					found = findClass(name);
				}
				if (resolve) {
					resolveClass(found);
				}
				return found;
			}
		}

	}

}
