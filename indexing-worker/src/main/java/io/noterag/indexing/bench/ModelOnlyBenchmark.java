package io.noterag.indexing.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import io.noterag.indexing.chunking.Chunk;
import io.noterag.indexing.chunking.Chunker;
import io.noterag.indexing.extraction.ExtractedDocument;
import io.noterag.indexing.extraction.ExtractionException;
import io.noterag.indexing.extraction.TikaExtractor;
import io.noterag.indexing.job.JobProperties;
import io.noterag.shared.embedding.Embedder;

/**
 * Measures the embedding model alone on the texts the indexing pipeline would embed for a
 * folder of files: each file is extracted and chunked by the worker's own
 * {@link TikaExtractor} and {@link Chunker} (timed apart), then the chunks' embedding
 * texts are embedded document by document, in batches of the worker's
 * {@code noterag.indexing.job.embedding-batch-size}, by the {@link Embedder} that the
 * worker's auto-configuration builds from its {@code noterag.embedding.*} settings (the
 * worker's {@code application.yml}, overridden by the environment as in the worker). No
 * broker, database, index or HTTP call is involved.
 *
 * <p>
 * Run from the worker's jar, in a JVM of its own while the suite is idle or stopped:
 * <pre>
 * java -Dloader.main=io.noterag.indexing.bench.ModelOnlyBenchmark \
 *   -cp indexing-worker/target/indexing-worker-*.jar \
 *   org.springframework.boot.loader.launch.PropertiesLauncher --folder DIR [--limit N] [--warmup N]
 * </pre> Prints progress and a summary; the last line is one JSON object with
 * {@code documents}, {@code chunks}, {@code seconds}, {@code texts_per_s},
 * {@code docs_per_s} and {@code extract_chunk_seconds}. Exit code 2 for bad arguments or
 * a folder without any text to embed.
 */
public final class ModelOnlyBenchmark {

	/**
	 * The worker's own configurations, by name so that this class does not depend on the
	 * embedding adapter (only the auto-configuration chooses it) nor on the features'
	 * package-private configuration classes.
	 */
	private static final List<String> WORKER_CONFIGURATIONS = List.of(
			"io.noterag.shared.embedding.onnx.OnnxEmbedderAutoConfiguration",
			"io.noterag.indexing.extraction.ExtractionConfiguration",
			"io.noterag.indexing.chunking.ChunkingConfiguration");

	private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

	private final PrintStream out;

	private ModelOnlyBenchmark(PrintStream out) {
		this.out = out;
	}

	/**
	 * Runs the benchmark.
	 * @param args {@code --folder DIR [--limit N] [--warmup N]}
	 */
	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("model-only benchmark: " + ex.getMessage());
			System.err.println("usage: --folder DIR [--limit N] [--warmup N]");
			System.exit(2);
			return;
		}
		SpringApplication application = new SpringApplication(Settings.class);
		application.setSources(new LinkedHashSet<>(WORKER_CONFIGURATIONS));
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		int status;
		try (ConfigurableApplicationContext context = application.run()) {
			status = new ModelOnlyBenchmark(System.out).run(options, context);
		}
		catch (IOException ex) {
			System.err.println("model-only benchmark: cannot read " + options.folder() + ": " + ex.getMessage());
			status = 2;
		}
		System.exit(status);
	}

	private int run(Options options, ConfigurableApplicationContext context) throws IOException {
		Embedder embedder = context.getBean(Embedder.class);
		TikaExtractor extractor = context.getBean(TikaExtractor.class);
		Chunker chunker = context.getBean(Chunker.class);
		int batchSize = context.getBean(JobProperties.class).embeddingBatchSize();
		String threading = embedder.threading();

		List<Path> files = files(options.folder(), options.limit());
		this.out.printf(Locale.ROOT, "model-only: %d files in %s; %s, %s, batches of %d chunks per document%n",
				files.size(), options.folder(), embedder.modelName(), threading, batchSize);

		long started = System.nanoTime();
		List<List<String>> documents = new ArrayList<>(files.size());
		int failed = 0;
		for (Path file : files) {
			try {
				ExtractedDocument document = extractor.extract(file.getFileName().toString(), Files.readAllBytes(file));
				List<String> texts = document.hasText()
						? chunker.chunk(document.title(), document.blocks()).stream().map(Chunk::embeddingText).toList()
						: List.of();
				if (texts.isEmpty()) {
					failed++;
				}
				else {
					documents.add(texts);
				}
			}
			catch (ExtractionException ex) {
				failed++;
			}
		}
		double extractSeconds = seconds(started);
		int chunks = documents.stream().mapToInt(List::size).sum();
		this.out.printf(Locale.ROOT,
				"model-only: extracted and chunked %d documents into %d chunks in %.1f s (%.0f documents/s)%s%n",
				documents.size(), chunks, extractSeconds, documents.size() / extractSeconds,
				(failed > 0) ? "; " + failed + " files had no text" : "");
		if (chunks == 0) {
			System.err.println("model-only benchmark: no text to embed in " + options.folder());
			return 2;
		}

		List<String> warmup = documents.stream().flatMap(List::stream).limit(options.warmup()).toList();
		if (!warmup.isEmpty()) {
			long warmupStarted = System.nanoTime();
			embedder.embedDocuments(warmup);
			this.out.printf(Locale.ROOT, "model-only: warm-up, %d texts in %.1f s (not counted)%n", warmup.size(),
					seconds(warmupStarted));
		}

		long embedStarted = System.nanoTime();
		long lastReport = embedStarted;
		int embedded = 0;
		int done = 0;
		for (List<String> texts : documents) {
			for (int from = 0; from < texts.size(); from += batchSize) {
				List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
				if (embedder.embedDocuments(batch).size() != batch.size()) {
					throw new IllegalStateException("The embedder returned a wrong number of vectors");
				}
				embedded += batch.size();
			}
			done++;
			long now = System.nanoTime();
			if (now - lastReport >= PROGRESS_EVERY_NANOS) {
				lastReport = now;
				double elapsed = (now - embedStarted) / 1e9;
				this.out.printf(Locale.ROOT, "model-only: %4.0f s  %d/%d documents, %.1f texts/s%n", elapsed, done,
						documents.size(), embedded / elapsed);
			}
		}
		double embedSeconds = seconds(embedStarted);
		double textsPerSecond = chunks / embedSeconds;
		double docsPerSecond = documents.size() / embedSeconds;
		this.out.printf(Locale.ROOT,
				"model-only: embedded %d chunks of %d documents in %.1f s: %.1f texts/s, %.2f docs/s%n", chunks,
				documents.size(), embedSeconds, textsPerSecond, docsPerSecond);

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("documents", documents.size());
		result.put("chunks", chunks);
		result.put("failed", failed);
		result.put("seconds", round(embedSeconds, 2));
		result.put("texts_per_s", round(textsPerSecond, 2));
		result.put("docs_per_s", round(docsPerSecond, 2));
		result.put("extract_chunk_seconds", round(extractSeconds, 2));
		result.put("batch_size", batchSize);
		result.put("model", embedder.modelName());
		result.put("threading", threading);
		this.out.println(json(result));
		return 0;
	}

	private static List<Path> files(Path folder, int limit) throws IOException {
		if (!Files.isDirectory(folder)) {
			throw new IOException("not a folder");
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			return paths.filter(Files::isRegularFile)
				.filter((path) -> !path.getFileName().toString().startsWith("."))
				.sorted()
				.limit(limit)
				.toList();
		}
	}

	private static double seconds(long startedNanos) {
		return Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	private static String json(Map<String, Object> values) {
		StringBuilder json = new StringBuilder("{");
		values.forEach((key, value) -> {
			if (json.length() > 1) {
				json.append(", ");
			}
			json.append('"').append(key).append("\": ");
			if (value instanceof Number) {
				json.append(value);
			}
			else {
				json.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
			}
		});
		return json.append('}').toString();
	}

	/** The worker's job settings (embedding batch size), bound as in the worker. */
	@EnableConfigurationProperties(JobProperties.class)
	static class Settings {

	}

	record Options(Path folder, int limit, int warmup) {

		static Options parse(String[] args) {
			Path folder = null;
			int limit = Integer.MAX_VALUE;
			int warmup = 32;
			for (int i = 0; i < args.length; i++) {
				String name = args[i];
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				String value = args[++i];
				switch (name) {
					case "--folder" -> folder = Path.of(value).toAbsolutePath().normalize();
					case "--limit" -> limit = number(name, value, 1);
					case "--warmup" -> warmup = number(name, value, 0);
					default -> throw new IllegalArgumentException("unknown option " + name);
				}
			}
			if (folder == null) {
				throw new IllegalArgumentException("--folder is required");
			}
			return new Options(folder, limit, warmup);
		}

		private static int number(String name, String value, int min) {
			try {
				int number = Integer.parseInt(value);
				if (number < min) {
					throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
				}
				return number;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " must be a number, got " + value);
			}
		}

	}

}
