package io.noterag.indexing.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.noterag.indexing.catalog.DocumentServiceException;
import io.noterag.indexing.catalog.FailedItem;
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

	private final JobHeartbeats heartbeats = new JobHeartbeats(this.documentService, Duration.ofMillis(50));

	private SyncJobRunner runner;

	@BeforeEach
	void setUp() {
		this.documentService.sources.put(this.sourceId, source(Map.of()));
		this.runner = runner(1000);
	}

	@AfterEach
	void stopHeartbeats() {
		this.heartbeats.close();
	}

	private SyncJobRunner runner(int retryFailedItems) {
		return new SyncJobRunner(this.documentService, new DataSourcePlugins(List.of(this.plugin)),
				this.published::addAll, new SimpleMeterRegistry(), this.heartbeats, retryFailedItems);
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
		// compared with the recorded documents: the new item's message says it is new
		assertThat(this.published).extracting(ItemIndexRequested::recorded).containsExactly(true, false, null);
	}

	@Test
	void shouldDeleteOnlyWhatThePluginReportsWhenTheListingIsNotComplete() {
		known("a", "b", "c");
		this.plugin.changes = new ChangeSet(List.of(FakePlugin.ref("a")), List.of("b", "a"), List.of(), false,
				"delta-2");

		this.runner.run(request(false));

		assertThat(this.published).extracting((message) -> message.item().itemId() + ":" + message.deleted())
			.containsExactly("a:false", "b:true");
		// a partial listing says nothing of what is recorded: the worker asks per item
		assertThat(this.published).allSatisfy((message) -> assertThat(message.recorded()).isNull());
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
				}, new SimpleMeterRegistry(), this.heartbeats, 1000);

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

	@Test
	void shouldSendHeartbeatsWhileAListingLastsLongerThanTheirIntervalAndStopOnceThePlanIsPublished() throws Exception {
		this.plugin.listingTime = Duration.ofMillis(600);
		this.plugin.changes = ChangeSet.full(List.of(FakePlugin.ref("a")), List.of());

		assertThat(this.runner.run(request(false))).isEqualTo(JobOutcome.PLANNED);

		// every 50 ms during a listing of 600 ms; none before the interval has passed
		assertThat(this.documentService.heartbeats).hasSizeGreaterThanOrEqualTo(5);
		int sent = this.documentService.heartbeats.size();
		Thread.sleep(300);
		assertThat(this.documentService.heartbeats).as("cancelled once the items are published").hasSize(sent);
	}

	@Test
	void shouldStopTheHeartbeatsWhenTheListingFails() throws Exception {
		this.plugin.listingTime = Duration.ofMillis(200);
		this.plugin.listingFailure = new SourceUnavailableException("Connection reset");

		assertThatThrownBy(() -> this.runner.run(request(false))).isInstanceOf(JobFailedException.class);

		int sent = this.documentService.heartbeats.size();
		assertThat(sent).isPositive();
		Thread.sleep(300);
		assertThat(this.documentService.heartbeats).hasSize(sent);
	}

	@Test
	void shouldTryAgainTheItemsThatFailedBeforeOnAnIncrementalSyncOnceEachWithinTheLimit() {
		this.plugin.capabilities.add(PluginCapability.INCREMENTAL_SYNC);
		this.plugin.changes = new ChangeSet(List.of(FakePlugin.ref("changed"), FakePlugin.ref("failed-and-changed")),
				List.of("failed-and-deleted"), List.of(new RejectedItem("failed-and-rejected", "too large")), false,
				"delta-2");
		failedBefore("unchanged-1", "failed-and-changed", "failed-and-deleted", "failed-and-rejected", "unchanged-2",
				"unchanged-1");

		this.runner.run(request(false));

		assertThat(this.published).extracting((message) -> message.item().itemId() + ":" + message.deleted())
			.containsExactly("changed:false", "failed-and-changed:false", "failed-and-deleted:true",
					"unchanged-1:false", "unchanged-2:false");
		ItemIndexRequested retried = this.published.get(3);
		assertThat(retried.item().hints()).isEmpty();
		assertThat(retried.item().modifiedAt()).as("never skipped as unchanged").isNull();
		assertThat(this.documentService.plans).singleElement().satisfies((plan) -> {
			assertThat(plan.total()).isEqualTo(5);
			assertThat(plan.rejected()).extracting(JobPlan.Rejected::itemId).containsExactly("failed-and-rejected");
		});
		assertThat(this.documentService.failedItemLimits).containsExactly(1000);
	}

	@Test
	void shouldAskForNoMoreFailedItemsThanTheLimitAndNoneWhenItIsZero() {
		this.plugin.capabilities.add(PluginCapability.INCREMENTAL_SYNC);
		this.plugin.changes = new ChangeSet(List.of(), List.of(), List.of(), false, "delta-2");
		failedBefore("x", "y", "z");

		runner(2).run(request(false));
		assertThat(this.published).extracting((message) -> message.item().itemId()).containsExactly("x", "y");

		this.published.clear();
		runner(0).run(request(false));
		assertThat(this.published).isEmpty();
		assertThat(this.documentService.failedItemLimits).containsExactly(2);
	}

	@Test
	void shouldNotAddFailedItemsToAFullSyncOrToACompleteListing() {
		failedBefore("x");
		this.plugin.capabilities.add(PluginCapability.INCREMENTAL_SYNC);
		this.plugin.changes = new ChangeSet(List.of(FakePlugin.ref("a")), List.of(), List.of(), false, "delta-2");

		this.runner.run(request(true));
		this.plugin.changes = ChangeSet.full(List.of(FakePlugin.ref("a")), List.of());
		this.runner.run(request(false));

		assertThat(this.published).extracting((message) -> message.item().itemId()).containsExactly("a", "a");
		assertThat(this.documentService.failedItemLimits).isEmpty();
	}

	@Test
	void shouldGoOnWithoutTheFailedItemsWhenDocumentServiceCannotListThem() {
		this.plugin.capabilities.add(PluginCapability.INCREMENTAL_SYNC);
		this.plugin.changes = new ChangeSet(List.of(FakePlugin.ref("a")), List.of(), List.of(), false, "delta-2");
		failedBefore("x");
		this.documentService.failedItemsFailure = new DocumentServiceException("503", null);

		assertThat(this.runner.run(request(false))).isEqualTo(JobOutcome.PLANNED);

		assertThat(this.published).extracting((message) -> message.item().itemId()).containsExactly("a");
		assertThat(this.documentService.plans.getFirst().total()).isEqualTo(1);
	}

	private void failedBefore(String... itemIds) {
		for (String itemId : itemIds) {
			this.documentService.failedItems.add(new FailedItem(itemId, "Timed out", 1));
		}
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
