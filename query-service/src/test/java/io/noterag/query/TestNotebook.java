package io.noterag.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.noterag.shared.embedding.Embedder;
import io.noterag.shared.vector.ChunkIds;
import io.noterag.shared.vector.ChunkRecord;
import io.noterag.shared.vector.VectorStore;

/**
 * A small notebook of realistic notes, each fact in one page only, written into a
 * {@link VectorStore} the way the indexing worker writes: one block per line, real
 * embeddings of title and text, deterministic ids, principals per page.
 */
public final class TestNotebook {

	public static final String NOTES = "src-notes";

	public static final String ONENOTE = "src-onenote";

	/** One page. */
	public record Page(String dataSourceId, String path, String sourceType, String title, List<String> tags,
			Instant modifiedAt, List<String> principals, List<String> chunks) {

		public String id() {
			return ChunkIds.documentId(this.dataSourceId, this.path);
		}

	}

	private final List<Page> pages;

	public TestNotebook(String privateOwnerId) {
		List<String> everyone = List.of("group:everyone");
		this.pages = List.of(
				new Page(NOTES, "ops/backup-policy.md", "filesystem", "Backup policy", List.of("ops"),
						Instant.parse("2024-03-10T09:00:00Z"), everyone,
						List.of("""
								Backup policy
								Every production system is backed up by the platform team.
								Nightly backups are retained for 35 days in the Frankfurt bucket. Weekly backups are copied to tape and kept for a year.
								Restores are tested on the first Monday of each month.""")),
				new Page(NOTES, "office/office-guide.md", "filesystem", "Office guide", List.of("office"),
						Instant.parse("2024-01-15T09:00:00Z"), everyone,
						List.of("""
								Office guide
								Visitors sign in at the front desk on the ground floor.
								The door code of the Oslo office is changed every quarter by facilities.
								Lunch is served in the canteen from 11:30 to 13:00. Bicycles are parked in the courtyard rack.""")),
				new Page(NOTES, "ops/oncall-handbook.md", "filesystem", "On-call handbook", List.of("ops"),
						Instant.parse("2024-04-02T09:00:00Z"), everyone, List.of("""
								Escalating an incident
								When a page is not acknowledged within 15 minutes:
								1. Call the secondary on-call engineer on the shared phone.
								2. Post the incident link in the #incidents channel. Mention the incident commander.
								3. Open a bridge call and record the start time in the incident log.
								The incident commander decides when to close the bridge.""", """
								Handover
								The outgoing engineer writes a handover note every Monday at 10:00.
								Open incidents stay with the engineer who opened them until they are resolved.""")),
				new Page(ONENOTE, "Ops/Database hosts", "onenote", "Database hosts", List.of("ops", "databases"),
						Instant.parse("2024-05-20T09:00:00Z"), everyone, List.of("""
								Database hosts
								The staging and production databases run PostgreSQL 15.
								Environment | Host | Port
								Staging | db-stg-02 | 5433
								Production | db-prd-01 | 5432""")),
				new Page(NOTES, "social/team-events.md", "filesystem", "Team events", List.of("social"),
						Instant.parse("2023-11-30T09:00:00Z"), everyone,
						List.of("""
								Team events
								The summer party takes place at the lake pavilion in June.
								The winter dinner is booked at Fjord Kitchen for the second Friday of December. Everyone may bring one guest.""")),
				new Page(NOTES, "hr/salary-bands.md", "filesystem", "Salary bands", List.of("hr"),
						Instant.parse("2024-02-01T09:00:00Z"), List.of("user:" + privateOwnerId), List.of("""
								Salary bands
								The salary band for senior engineers is 95,000 to 110,000 EUR.
								Bands are reviewed every April by the compensation committee.""")));
	}

	public List<Page> pages() {
		return this.pages;
	}

	public Page page(String path) {
		return this.pages.stream()
			.filter((p) -> p.path().equals(path))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(path));
	}

	public int chunkCount() {
		return this.pages.stream().mapToInt((p) -> p.chunks().size()).sum();
	}

	/** Writes every page into the store, embedded by the given model. */
	public void writeTo(VectorStore store, Embedder embedder) {
		for (Page page : this.pages) {
			List<String> texts = page.chunks().stream().map((text) -> page.title() + "\n" + text).toList();
			List<float[]> vectors = embedder.embedDocuments(texts);
			List<ChunkRecord> chunks = new ArrayList<>();
			for (int i = 0; i < page.chunks().size(); i++) {
				chunks.add(new ChunkRecord(ChunkIds.chunkId(page.id(), i), page.id(), i, page.chunks().get(i),
						page.title(), "", "/notes/" + page.path(), page.sourceType(), page.dataSourceId(), page.tags(),
						page.modifiedAt(), page.principals(), Map.of(), vectors.get(i)));
			}
			store.replaceDocument(page.id(), chunks);
		}
	}

}
