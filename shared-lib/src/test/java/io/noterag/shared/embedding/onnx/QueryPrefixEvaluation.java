package io.noterag.shared.embedding.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures, on a SciFact sample, whether bge's query instruction helps retrieval, and how
 * fast the model embeds under different thread settings. Not part of the build (the name
 * does not end in Tests): run it with
 * {@code ./mvnw -pl shared-lib test -Dtest=QueryPrefixEvaluation
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the printed figures. The data set
 * folder is {@code -Dscifact.dir} (default {@code /work/shared/datasets/scifact}).
 */
class QueryPrefixEvaluation {

	private static final int QUERIES = Integer.getInteger("scifact.queries", 200);

	private static final int CORPUS = Integer.getInteger("scifact.corpus", 1000);

	@Test
	void measure() throws IOException {
		Path dir = Path.of(System.getProperty("scifact.dir", "/work/shared/datasets/scifact"));
		Assumptions.assumeTrue(Files.isDirectory(dir), "SciFact not found at " + dir);
		JsonMapper json = JsonMapper.shared();

		Map<String, Set<String>> qrels = new HashMap<>();
		for (String line : Files.readAllLines(dir.resolve("qrels/train.tsv")).subList(1, 920)) {
			String[] cols = line.split("\t");
			if (Integer.parseInt(cols[2]) > 0) {
				qrels.computeIfAbsent(cols[0], (k) -> new HashSet<>()).add(cols[1]);
			}
		}
		Map<String, String> queries = new LinkedHashMap<>();
		for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
			JsonNode node = json.readTree(line);
			String id = node.get("_id").asString();
			if (qrels.containsKey(id) && queries.size() < QUERIES) {
				queries.put(id, node.get("text").asString());
			}
		}
		Set<String> relevant = new HashSet<>();
		queries.keySet().forEach((id) -> relevant.addAll(qrels.get(id)));
		Map<String, String> all = new LinkedHashMap<>();
		for (String line : Files.readAllLines(dir.resolve("corpus.jsonl"))) {
			JsonNode node = json.readTree(line);
			all.put(node.get("_id").asString(), node.get("title").asString() + " " + node.get("text").asString());
		}
		List<String> others = new ArrayList<>(all.keySet());
		others.removeAll(relevant);
		Collections.shuffle(others, new Random(42));
		List<String> docIds = new ArrayList<>(relevant);
		docIds.addAll(others.subList(0, Math.max(0, CORPUS - relevant.size())));
		Collections.sort(docIds);
		List<String> docTexts = docIds.stream().map(all::get).toList();
		System.out.printf("SciFact sample: %d queries, %d documents (%d relevant)%n", queries.size(), docIds.size(),
				relevant.size());

		speed(docTexts.subList(0, 48));
		if (Boolean.getBoolean("scifact.speedOnly")) {
			return;
		}

		try (OnnxEmbedder embedder = OnnxEmbedder.withDefaults()) {
			long start = System.nanoTime();
			List<float[]> docVectors = embedder.embedDocuments(docTexts);
			double docMs = (System.nanoTime() - start) / 1e6 / docTexts.size();
			System.out.printf("documents: %.1f ms/text (title + abstract)%n", docMs);
			for (String prefix : List.of("", OnnxEmbedder.BGE_QUERY_PREFIX)) {
				OnnxEmbedder queryEmbedder = new OnnxEmbedder(prefix, 32, 1, 1);
				try (queryEmbedder) {
					double ndcg = 0;
					double recall = 0;
					double mrr = 0;
					long queryStart = System.nanoTime();
					List<float[]> queryVectors = new ArrayList<>();
					for (String text : queries.values()) {
						queryVectors.add(queryEmbedder.embedQuery(text));
					}
					double queryMs = (System.nanoTime() - queryStart) / 1e6 / queries.size();
					int q = 0;
					for (String queryId : queries.keySet()) {
						List<String> ranked = rank(queryVectors.get(q++), docVectors, docIds, 10);
						Set<String> rel = qrels.get(queryId);
						ndcg += ndcg(ranked, rel);
						recall += ranked.stream().filter(rel::contains).count() / (double) rel.size();
						for (int i = 0; i < ranked.size(); i++) {
							if (rel.contains(ranked.get(i))) {
								mrr += 1.0 / (i + 1);
								break;
							}
						}
					}
					int n = queries.size();
					System.out.printf("prefix %-5s nDCG@10 %.4f  Recall@10 %.4f  MRR@10 %.4f  query %.1f ms/text%n",
							prefix.isEmpty() ? "no" : "yes", ndcg / n, recall / n, mrr / n, queryMs);
				}
			}
		}
	}

	private static void speed(List<String> texts) {
		int processors = Runtime.getRuntime().availableProcessors();
		int[][] settings = { { 1, processors }, { processors, 0 }, { processors, 1 }, { 1, 1 }, { 1, processors } };
		for (int[] setting : settings) {
			try (OnnxEmbedder embedder = new OnnxEmbedder("", 16, setting[0], setting[1])) {
				embedder.embedDocuments(texts.subList(0, 8));
				long start = System.nanoTime();
				embedder.embedDocuments(texts);
				System.out.printf("parallelism %d, intra-op threads %s: %.1f ms/text%n", setting[0],
						(setting[1] == 0) ? "default" : setting[1], (System.nanoTime() - start) / 1e6 / texts.size());
			}
		}
	}

	private static List<String> rank(float[] query, List<float[]> docs, List<String> ids, int k) {
		List<Integer> order = new ArrayList<>();
		double[] scores = new double[docs.size()];
		for (int i = 0; i < docs.size(); i++) {
			float[] doc = docs.get(i);
			double dot = 0;
			for (int d = 0; d < doc.length; d++) {
				dot += query[d] * doc[d];
			}
			scores[i] = dot;
			order.add(i);
		}
		order.sort((a, b) -> Double.compare(scores[b], scores[a]));
		return order.subList(0, k).stream().map(ids::get).toList();
	}

	private static double ndcg(List<String> ranked, Set<String> relevant) {
		double dcg = 0;
		for (int i = 0; i < ranked.size(); i++) {
			if (relevant.contains(ranked.get(i))) {
				dcg += 1 / (Math.log(i + 2) / Math.log(2));
			}
		}
		double ideal = 0;
		for (int i = 0; i < Math.min(relevant.size(), ranked.size()); i++) {
			ideal += 1 / (Math.log(i + 2) / Math.log(2));
		}
		return dcg / ideal;
	}

}
