package io.noterag.shared.test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The real servers the tests use, and the names that keep one test run apart from any
 * other: a database schema per service and run, a RabbitMQ virtual host per run and a
 * Redis key prefix per run. Addresses come from the usual environment variables with the
 * local defaults.
 */
public final class TestInfrastructure {

	/** Identifies this test run (this JVM). */
	public static final String RUN_ID = HexFormat.of().formatHex(randomBytes());

	private static final Set<String> createdSchemas = ConcurrentHashMap.newKeySet();

	private static volatile String virtualHost;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::cleanUp, "test-infrastructure-cleanup"));
	}

	private TestInfrastructure() {
	}

	public static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	public static String databaseUrl() {
		return env("TEST_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
	}

	public static String databaseUser() {
		return env("TEST_DATASOURCE_USERNAME", "postgres");
	}

	public static String databasePassword() {
		return env("TEST_DATASOURCE_PASSWORD", "");
	}

	public static String redisHost() {
		return env("SPRING_DATA_REDIS_HOST", "127.0.0.1");
	}

	public static String rabbitHost() {
		return env("SPRING_RABBITMQ_HOST", "127.0.0.1");
	}

	/**
	 * A schema of this run for a service; it is dropped when the run ends.
	 * @param base the service's schema name, e.g. {@code documents}
	 * @return e.g. {@code documents_t1a2b3c4d}
	 */
	public static String schema(String base) {
		String name = base + "_t" + RUN_ID;
		createdSchemas.add(name);
		return name;
	}

	/** A Redis key prefix of this run. */
	public static String redisPrefix() {
		return "test:" + RUN_ID + ":";
	}

	/**
	 * A RabbitMQ virtual host of this run, made with {@code rabbitmqctl} when it is
	 * available (it is deleted when the run ends); the default host {@code /} otherwise.
	 * @return the virtual host
	 */
	public static synchronized String rabbitVirtualHost() {
		if (virtualHost == null) {
			String name = "noterag-test-" + RUN_ID;
			virtualHost = rabbitmqctl("add_vhost", name)
					&& rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*") ? name : "/";
		}
		return virtualHost;
	}

	private static boolean rabbitmqctl(String... args) {
		String[] command = new String[args.length + 1];
		command[0] = "rabbitmqctl";
		System.arraycopy(args, 0, command, 1, args.length);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void cleanUp() {
		if (!createdSchemas.isEmpty()) {
			try (Connection connection = DriverManager.getConnection(databaseUrl(), databaseUser(), databasePassword());
					Statement statement = connection.createStatement()) {
				for (String schema : createdSchemas) {
					statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
				}
			}
			catch (SQLException ex) {
				// the server may already be gone; schemas of a run are named apart anyway
			}
		}
		if (virtualHost != null && !"/".equals(virtualHost)) {
			rabbitmqctl("delete_vhost", virtualHost);
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[4];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
