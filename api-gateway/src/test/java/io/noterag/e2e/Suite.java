package io.noterag.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.noterag.shared.test.TestInfrastructure;

/**
 * The whole suite as separate processes, started from the modules' packaged jars, wired
 * together as in production (gateway JWKS and token endpoint, service URLs, RabbitMQ,
 * Postgres, one Lucene index directory) and isolated from any other run: schemas, virtual
 * host and folders of this run. The stateless services run as two replicas behind the
 * gateway; the indexing worker, the single Lucene writer, as one.
 */
final class Suite implements AutoCloseable {

	static final String VERSION = "0.1.0-SNAPSHOT";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

	private final Path projectRoot;

	private final Path workDir;

	private final Map<String, List<Instance>> instances = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String name;

	private final Map<String, Map<String, String>> environment;

	private Suite(Path projectRoot, Path workDir, String name, Map<String, Map<String, String>> environment) {
		this.projectRoot = projectRoot;
		this.workDir = workDir;
		this.name = name;
		this.environment = environment;
	}

	record Instance(String service, int port, Process process, Path log) {

		String url() {
			return "http://127.0.0.1:" + this.port;
		}

	}

	static Suite start(int replicas) throws IOException, InterruptedException {
		return start("", replicas, Map.of());
	}

	/**
	 * Starts a suite with its own database schemas and Redis keys, so that suites started
	 * one after the other in a run do not see each other's data.
	 * @param name the suite's name, part of its schemas' names; empty for the main suite
	 * @param replicas replicas of each stateless service
	 * @param environment more environment variables per service
	 * @return the running suite
	 */
	static Suite start(String name, int replicas, Map<String, Map<String, String>> environment)
			throws IOException, InterruptedException {
		Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
		Path work = Files.createTempDirectory("noterag-e2e-");
		Files.createDirectories(work.resolve("sources"));
		Files.createDirectories(work.resolve("logs"));
		Suite suite = new Suite(root, work, name, environment);
		try {
			suite.launch(replicas);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			suite.close();
			throw ex;
		}
		return suite;
	}

	Path workDir() {
		return this.workDir;
	}

	Path projectRoot() {
		return this.projectRoot;
	}

	Path sourcesDir() {
		return this.workDir.resolve("sources");
	}

	/**
	 * Copies the bundled sample notebook into a folder of the sources directory.
	 * @param folder the folder's name
	 * @return the copy
	 * @throws IOException when it cannot be copied
	 */
	Path copySampleNotebook(String folder) throws IOException {
		Path from = this.projectRoot.resolve("docs/sample-notebook");
		Path to = sourcesDir().resolve(folder);
		try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
			for (Path path : walk.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return to;
	}

	String gatewayUrl() {
		return this.instances.get("api-gateway").get(0).url();
	}

	List<Instance> instances(String service) {
		return this.instances.get(service);
	}

	String logsOf(String service) throws IOException {
		StringBuilder all = new StringBuilder();
		for (Instance instance : this.instances.get(service)) {
			all.append(Files.readString(instance.log()));
		}
		return all.toString();
	}

	private void launch(int replicas) throws IOException, InterruptedException {
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("api-gateway", 1);
		counts.put("document-service", replicas);
		counts.put("conversation-service", replicas);
		counts.put("multimodal-service", replicas);
		counts.put("query-service", replicas);
		counts.put("indexing-worker", 1);
		Map<String, List<Integer>> ports = new LinkedHashMap<>();
		counts.forEach((service, n) -> {
			List<Integer> list = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				list.add(freePort());
			}
			ports.put(service, list);
		});
		String gateway = "http://127.0.0.1:" + ports.get("api-gateway").get(0);
		Map<String, String> common = new LinkedHashMap<>();
		common.put("SPRING_DATASOURCE_URL", TestInfrastructure.databaseUrl());
		common.put("SPRING_DATASOURCE_USERNAME", TestInfrastructure.databaseUser());
		common.put("SPRING_DATASOURCE_PASSWORD", TestInfrastructure.databasePassword());
		// nine processes share one PostgreSQL: small pools keep them under its connection
		// limit
		common.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "3");
		common.put("SPRING_RABBITMQ_HOST", TestInfrastructure.rabbitHost());
		common.put("SPRING_RABBITMQ_VIRTUAL_HOST", TestInfrastructure.rabbitVirtualHost());
		common.put("SPRING_DATA_REDIS_HOST", TestInfrastructure.redisHost());
		common.put("NOTERAG_CACHE_KEY_PREFIX", TestInfrastructure.redisPrefix() + "e2e" + this.name + ":");
		common.put("NOTERAG_SECURITY_JWKS_URI", gateway + "/oauth2/jwks");
		// no hourly sync in the middle of a test; the tests ask for the syncs they need
		common.put("NOTERAG_SYNC_SCHEDULE_ENABLED", "false");
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		common.put("NOTERAG_SECRETS_KEY", java.util.Base64.getEncoder().encodeToString(key));
		common.put("NOTERAG_SECURITY_TOKEN_URI", gateway + "/oauth2/token");
		common.put("NOTERAG_SOURCES_FILESYSTEM_ALLOWED_ROOTS",
				sourcesDir() + "," + this.projectRoot.resolve("docs/sample-notebook"));
		common.put("NOTERAG_VECTOR_STORE_LUCENE_PATH", this.workDir.resolve("index").toString());
		common.put("NOTERAG_OBJECT_STORE_FILESYSTEM_ROOT", this.workDir.resolve("objects").toString());
		common.put("NOTERAG_SERVICES_DOCUMENT_URL", first(ports, "document-service"));
		common.put("NOTERAG_SERVICES_CONVERSATION_URL", first(ports, "conversation-service"));
		common.put("NOTERAG_SERVICES_MULTIMODAL_URL", first(ports, "multimodal-service"));
		common.put("NOTERAG_SERVICES_QUERY_URL", first(ports, "query-service"));
		common.put("NOTERAG_SERVICES_INDEXING_WORKER_URL", first(ports, "indexing-worker"));
		for (String service : List.of("document-service", "conversation-service", "multimodal-service",
				"query-service")) {
			String variable = "NOTERAG_ROUTES_" + service.toUpperCase().replace('-', '_') + "_URIS";
			common.put(variable,
					ports.get(service).stream().map((p) -> "http://127.0.0.1:" + p).collect(Collectors.joining(",")));
		}
		Map<String, String> schemas = Map.of("api-gateway", "identity", "document-service", "documents",
				"conversation-service", "conversations", "multimodal-service", "media", "query-service", "analytics");
		// the gateway first: every other service fetches its JWKS and service tokens
		startAll("api-gateway", ports, common, schemas);
		awaitReady(this.instances.get("api-gateway"));
		for (String service : counts.keySet()) {
			if (!service.equals("api-gateway")) {
				startAll(service, ports, common, schemas);
			}
		}
		for (String service : counts.keySet()) {
			awaitReady(this.instances.get(service));
		}
	}

	private void startAll(String service, Map<String, List<Integer>> ports, Map<String, String> common,
			Map<String, String> schemas) throws IOException {
		Path jar = this.projectRoot.resolve(service).resolve("target").resolve(service + "-" + VERSION + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Missing " + jar + ": run the build with 'verify' (it packages first)");
		}
		List<Instance> list = new ArrayList<>();
		int replica = 0;
		for (int port : ports.get(service)) {
			Path log = this.workDir.resolve("logs").resolve(service + "-" + replica++ + ".log");
			List<String> command = List.of(javaBinary(), "-Xms64m", "-Xmx640m", "-XX:TieredStopAtLevel=1",
					"-XX:+UseSerialGC", "-jar", jar.toString());
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(common);
			builder.environment().put("SERVER_PORT", Integer.toString(port));
			if (schemas.containsKey(service)) {
				String schema = schemas.get(service) + (this.name.isEmpty() ? "" : "_" + this.name);
				builder.environment().put("NOTERAG_DB_SCHEMA", TestInfrastructure.schema(schema));
			}
			builder.environment().putAll(this.environment.getOrDefault(service, Map.of()));
			list.add(new Instance(service, port, builder.start(), log));
		}
		this.instances.put(service, list);
	}

	private void awaitReady(List<Instance> list) throws InterruptedException, IOException {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		for (Instance instance : list) {
			while (true) {
				if (!instance.process().isAlive()) {
					throw new IllegalStateException(instance.service() + " exited during start-up:\n" + tail(instance));
				}
				if (ready(instance)) {
					break;
				}
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException(
							instance.service() + " not ready after " + START_TIMEOUT + ":\n" + tail(instance));
				}
				Thread.sleep(500);
			}
		}
	}

	private boolean ready(Instance instance) {
		try {
			HttpResponse<Void> response = this.http
				.send(HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static String tail(Instance instance) throws IOException {
		List<String> lines = Files.readAllLines(instance.log());
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	void stop(Instance instance) throws InterruptedException {
		instance.process().destroy();
		if (!instance.process().waitFor(20, TimeUnit.SECONDS)) {
			instance.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() {
		List<Instance> all = new ArrayList<>();
		this.instances.values().forEach(all::addAll);
		all.forEach((i) -> i.process().destroy());
		for (Instance instance : all) {
			try {
				if (!instance.process().waitFor(20, TimeUnit.SECONDS)) {
					instance.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				instance.process().destroyForcibly();
			}
		}
	}

	private static String first(Map<String, List<Integer>> ports, String service) {
		return "http://127.0.0.1:" + ports.get(service).get(0);
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
