package io.noterag.indexing.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.noterag.indexing.catalog.JobPlan;
import io.noterag.indexing.catalog.KnownDocument;
import io.noterag.indexing.catalog.SourceDetails;
import io.noterag.shared.messaging.ItemIndexRequested;
import io.noterag.shared.messaging.SyncRequested;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.DataSourcePlugins;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.RejectedItem;
import io.noterag.shared.source.plugin.SourceUnavailableException;
import io.noterag.shared.vector.ChunkIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncJobRunnerTests {

	private static final Instant LAST_SYNC = Instant.parse("2026-01-01T08:00:00Z");

	private final FakeDocumentService documentService = new FakeDocumentService();

	private final FakePlugin plugin = new FakePlugin();

	private final List<ItemIndexRequested> published = new ArrayList<>();

	private final UUID sourceId = UUID.randomUUID();

	private SyncJobRunner runner;

	@BeforeEach
	void setUp() {
		this.documentService.sources.put(this.sourceId, source(Map.of()));
		this.runner = new SyncJobRunner(this.documentService, new DataSourcePlugins(List.of(this.plugin)),
				this.published::addAll, new SimpleMeterRegistry());
	}

	@Test
	void shouldPlanThenPublishOneMessagePerItemAndPerDeletionOfACompleteListing() {
		known("kept.md", "gone.md", "locked/inside.md");
		this.plugin.changes = ChangeSet.full(List.of(FakePlugin.ref("kept.md"), FakePlugin.ref("new.md")),
				List.of(new RejectedItem("locked", "cannot be read (permission denied)"),
						new RejectedItem("huge.pdf", "too large")));

		JobOutcome outcome = this.runner.run(request(true));

		assertThat(outcome).isEqualTo(JobOutcome.PLANNED);
		assertThat(this.documentService.plans).singleElement().satisfies((plan) -> {
			assertThat(plan.total()).isEqualTo(3);
			assertThat(plan.rejected()).extracting(JobPlan.Rejected::itemId).containsExactly("locked", "huge.pdf");
		});
		assertThat(this.published).extracting((message) -> message.item().itemId())
			.containsExactly("kept.md", "new.md", "gone.md");
		assertThat(this.published).extracting(ItemIndexRequested::deleted).containsExactly(false, false, true);
		assertThat(this.published).allSatisfy((message) -> assertThat(message.dataSourceId()).isEqualTo(this.sourceId));
	}

	@Test
	void shouldDeleteOnlyWhatThePluginReportsWhenTheListingIsNotComplete() {
		known("a", "b", "c");
		this.plugin.changes = new ChangeSet(List.of(FakePlugin.ref("a")), List.of("b", "a"), List.of(), false,
				"delta-2");

		this.runner.run(request(false));

		assertThat(this.published).extracting((message) -> message.item().itemId() + ":" + message.deleted())
			.containsExactly("a:false", "b:true");
		assertThat(this.documentService.plans.getFirst().cursor()).isEqualTo("delta-2");
		assertThat(this.documentService.plans.getFirst().total()).isEqualTo(2);
	}

	@Test
	void shouldListIncrementallyOnlyWhenAskedAndThePluginCan() {
		this.plugin.capabilities.add(PluginCapability.INCREMENTAL_SYNC);

		this.runner.run(request(false));
		this.runner.run(request(true));

		assertThat(this.plugin.modifiedSince).containsExactly(LAST_SYNC, null);
		assertThat(this.plugin.cursors).containsExactly("delta-1", null);
	}

	@Test
	void shouldListEverythingForAPluginThatCannotListIncrementally() {
		this.runner.run(request(false));

		assertThat(this.plugin.modifiedSince).containsOnlyNulls();
	}

	@Test
	void shouldRecordAPlanOfNothingWhenNothingChanged() {
		this.runner.run(request(false));

		assertThat(this.documentService.plans).singleElement().satisfies((plan) -> assertThat(plan.total()).isZero());
		assertThat(this.published).isEmpty();
	}

	@Test
	void shouldFailTheJobAndMarkTheSourceWhenTheUserMustConnectAgain() {
		this.plugin.listingFailure = new ReconnectRequiredException("The refresh token was revoked.");

		JobOutcome outcome = this.runner.run(request(false));

		assertThat(outcome).isEqualTo(JobOutcome.FAILED);
		assertThat(this.documentService.statuses).containsExactly("needs_reconnect");
		assertThat(this.documentService.finishes).singleElement()
			.satisfies((result) -> assertThat(result.error()).contains("connected again"));
		assertThat(this.published).isEmpty();
	}

	@Test
	void shouldFailTheJobOfAWrongConfigurationNamingTheField() {
		this.documentService.sources.put(this.sourceId, source(Map.of("broken", true)));

		assertThat(this.runner.run(request(false))).isEqualTo(JobOutcome.FAILED);

		assertThat(this.documentService.finishes.getFirst().error()).contains("config.broken");
	}

	@Test
	void shouldFailTheJobOfATypeWithoutPlugin() {
		this.documentService.sources.put(this.sourceId,
				new SourceDetails(this.sourceId, "unknown", "x", Map.of(), null, List.of()));

		assertThat(this.runner.run(request(false))).isEqualTo(JobOutcome.FAILED);
		assertThat(this.documentService.finishes.getFirst().error()).contains("'unknown'");
	}

	@Test
	void shouldThrowToBeTriedAgainWhenTheSourceIsUnreachable() {
		this.plugin.listingFailure = new SourceUnavailableException("Connection refused");

		assertThatThrownBy(() -> this.runner.run(request(false))).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("Connection refused");
		assertThat(this.documentService.plans).isEmpty();
	}

	@Test
	void shouldThrowToBeTriedAgainWhenTheItemsCannotBePublishedAfterThePlan() {
		this.plugin.changes = ChangeSet.full(List.of(FakePlugin.ref("a")), List.of());
		SyncJobRunner failing = new SyncJobRunner(this.documentService, new DataSourcePlugins(List.of(this.plugin)),
				(items) -> {
					throw new IllegalStateException("no confirmation");
				}, new SimpleMeterRegistry());

		assertThatThrownBy(() -> failing.run(request(false))).isInstanceOf(JobFailedException.class);
		// planned again by the next attempt, which replaces this plan
		assertThat(this.documentService.plans).hasSize(1);
	}

	@Test
	void shouldDropTheRequestOfAJobThatHasFinished() {
		this.documentService.finished = true;

		assertThat(this.runner.run(request(false))).isEqualTo(JobOutcome.ALREADY_FINISHED);
		assertThat(this.plugin.modifiedSince).isEmpty();
	}

	private SyncRequested request(boolean full) {
		return new SyncRequested(UUID.randomUUID(), this.sourceId, "fake", Instant.now(), full);
	}

	private SourceDetails source(Map<String, Object> config) {
		return new SourceDetails(this.sourceId, "fake", "Fake", config, null, List.of("group:everyone"), Map.of(),
				"delta-1", LAST_SYNC, "ok");
	}

	private void known(String... itemIds) {
		for (String itemId : itemIds) {
			String id = ChunkIds.documentId(this.sourceId.toString(), itemId);
			this.documentService.documents.put(id, new KnownDocument(id, itemId, "hash", null));
		}
	}

}
