package io.noterag.indexing.plugin.onenote;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.noterag.indexing.plugin.microsoft.LocalGraphServer;
import io.noterag.indexing.plugin.microsoft.MicrosoftTokens;
import io.noterag.indexing.testsupport.TestSourceContext;
import io.noterag.indexing.plugin.onenote.LocalOneNote.Container;
import io.noterag.indexing.plugin.onenote.LocalOneNote.Page;
import io.noterag.indexing.plugin.onenote.LocalOneNote.Section;
import io.noterag.shared.source.config.OneNoteConfig;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemException;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.ReconnectRequiredException;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OneNoteDataSourceTests {

	private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

	private static final Instant LAST_SYNC = Instant.parse("2026-11-24T00:00:00Z");

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };

	private LocalGraphServer server;

	private LocalOneNote onenote;

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private OneNoteDataSource plugin;

	private Container work;

	private Container personal;

	private Section meetings;

	private Section archive2019;

	private Page kickoff;

	private Page retro;

	private Page deepArchived;

	private Page recipe;

	@BeforeEach
	void start() {
		this.server = LocalGraphServer.start();
		this.server.acceptRefreshToken("M.R3_BAY.alex", null);
		this.onenote = new LocalOneNote(this.server, "/me/onenote", 2);
		this.work = this.onenote.notebook("Work");
		this.meetings = this.onenote.section(this.work, "Meetings");
		this.kickoff = this.onenote.page(this.meetings, "Kickoff", T0,
				"<h1>Project goals</h1><p>Ship the pipeline.</p>");
		this.retro = this.onenote.page(this.meetings, "Retro", T0.plusSeconds(60), "<p>What went well</p>");
		for (int i = 1; i <= 3; i++) {
			this.onenote.page(this.meetings, "Standup " + i, T0.plusSeconds(120 + i), "<p>Standup notes " + i + "</p>");
		}
		Container projects = this.onenote.group(this.work, "Projects");
		this.onenote.page(this.onenote.section(projects, "Alpha"), "Alpha plan", T0, "<p>Alpha milestones</p>");
		Container archive = this.onenote.group(projects, "Archive");
		this.archive2019 = this.onenote.section(archive, "2019");
		this.deepArchived = this.onenote.page(this.archive2019, "Old budget", T0, "<p>Budget 2019</p>");
		this.personal = this.onenote.notebook("Personal");
		this.recipe = this.onenote.page(this.onenote.section(this.personal, "Recipes"), "Bread", T0,
				"<p>Flour, water, salt</p>");
		this.plugin = plugin(DataSize.ofMegabytes(1));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private OneNoteDataSource plugin(DataSize maxImageSize) {
		return new OneNoteDataSource(this.server.client(this.waits, Duration.ofSeconds(30)), this.server.tokens(),
				new OneNoteProperties(DataSize.ofMegabytes(5), maxImageSize, 10));
	}

	private TestSourceContext<OneNoteConfig> source(Map<String, Object> config) {
		return TestSourceContext.of(this.plugin.configure(config),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.alex"));
	}

	@Test
	void shouldDeclareIncrementalSyncDeletionsAndImages() {
		assertThat(this.plugin.sourceType()).isEqualTo("onenote");
		assertThat(this.plugin.capabilities()).containsExactlyInAnyOrder(PluginCapability.INCREMENTAL_SYNC,
				PluginCapability.DELETIONS, PluginCapability.IMAGES);
	}

	@Test
	void shouldListEveryPageOfEveryNotebookSectionGroupAndSectionAcrossPagedAnswers() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null);

		assertThat(changes.complete()).isTrue();
		assertThat(changes.deletedItemIds()).isEmpty();
		assertThat(changes.nextCursor()).startsWith("onenote-pages:v1:");
		assertThat(changes.items()).extracting(ItemRef::title)
			.containsExactlyInAnyOrder("Kickoff", "Retro", "Standup 1", "Standup 2", "Standup 3", "Alpha plan",
					"Old budget", "Bread");
		ItemRef old = changes.items().stream().filter((i) -> i.itemId().equals(this.deepArchived.id)).findFirst().get();
		assertThat(old.hints()).containsEntry("notebook", "Work")
			.containsEntry("section_group", "Projects/Archive")
			.containsEntry("section", "2019")
			.containsEntry("web_url", this.onenote.webUrl(this.deepArchived))
			.containsKey("content_url");
		assertThat(old.modifiedAt()).isEqualTo(T0);
		assertThat(this.server.requests("/v1.0/me/onenote/sections/" + this.meetings.id + "/pages")).hasSize(3);
		assertThat(this.server.requests("/v1.0/me/onenote/sections/"))
			.allSatisfy((r) -> assertThat(java.net.URLDecoder.decode(r.rawQuery(), StandardCharsets.UTF_8))
				.contains("$select=id,title,createdDateTime,lastModifiedDateTime,links,contentUrl"));
		assertThat(this.server.requests()).noneMatch((r) -> r.path().endsWith("/content"));
	}

	@Test
	void shouldListOnlyTheConfiguredNotebooks() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of("notebook_ids", List.of(this.personal.id))),
				FetchFilters.NONE, null);

		assertThat(changes.items()).extracting(ItemRef::itemId).containsExactly(this.recipe.id);
		assertThat(changes.complete()).isTrue();
		assertThat(this.server.requests("/v1.0/me/onenote/notebooks/" + this.work.id)).isEmpty();
	}

	@Test
	void shouldListOnlyChangedPagesSinceTheLastSyncAndReportPagesDeletedAtTheSource() {
		TestSourceContext<OneNoteConfig> source = source(Map.of());
		ChangeSet first = this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		this.onenote.edit(this.kickoff, LAST_SYNC.plusSeconds(3600), "<h1>Project goals</h1><p>Ship it by Friday.</p>");
		this.onenote.delete(this.retro);
		Page moved = this.onenote.page(this.archive2019, "Moved in", T0, "<p>Old page moved here</p>");

		ChangeSet second = this.plugin.fetchDocuments(source.nextSync(first.nextCursor()), FetchFilters.NONE,
				LAST_SYNC);

		assertThat(second.complete()).isFalse();
		assertThat(second.items()).extracting(ItemRef::itemId).containsExactlyInAnyOrder(this.kickoff.id, moved.id);
		assertThat(second.deletedItemIds()).containsExactly(this.retro.id);
		ChangeSet third = this.plugin.fetchDocuments(source.nextSync(second.nextCursor()), FetchFilters.NONE,
				LAST_SYNC.plusSeconds(7200));
		assertThat(third.items()).isEmpty();
		assertThat(third.deletedItemIds()).isEmpty();
	}

	@Test
	void shouldReportThePagesOfADeletedNotebookAsDeleted() {
		TestSourceContext<OneNoteConfig> source = source(Map.of());
		ChangeSet first = this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		this.onenote.deleteNotebook(this.personal);

		ChangeSet second = this.plugin.fetchDocuments(source.nextSync(first.nextCursor()), FetchFilters.NONE,
				LAST_SYNC);

		assertThat(second.deletedItemIds()).containsExactly(this.recipe.id);
		assertThat(second.items()).isEmpty();
	}

	@Test
	void shouldKeepTheOtherNotebooksWhenOneSyncIsNarrowedToSomeNotebooks() {
		TestSourceContext<OneNoteConfig> source = source(Map.of());
		ChangeSet first = this.plugin.fetchDocuments(source, FetchFilters.NONE, null);

		ChangeSet narrowed = this.plugin.fetchDocuments(source.nextSync(first.nextCursor()),
				new FetchFilters(Map.of("notebook_ids", List.of(this.personal.id))), null);
		ChangeSet after = this.plugin.fetchDocuments(source.nextSync(narrowed.nextCursor()), FetchFilters.NONE,
				LAST_SYNC);

		assertThat(narrowed.complete()).isFalse();
		assertThat(narrowed.items()).extracting(ItemRef::itemId).containsExactly(this.recipe.id);
		assertThat(narrowed.deletedItemIds()).isEmpty();
		assertThat(after.deletedItemIds()).isEmpty();
		assertThat(after.items()).isEmpty();
	}

	@Test
	void shouldListEverythingAgainWhenTheCursorIsMissingOrUnreadable() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of()).nextSync("not-a-cursor"), FetchFilters.NONE,
				LAST_SYNC);

		assertThat(changes.complete()).isTrue();
		assertThat(changes.items()).hasSize(8);
	}

	@Test
	void shouldReadAPageAsCleanHtmlWithItsImagesItsLinkAndItsPlace() {
		String photo = this.onenote.image("image/png", PNG, "Whiteboard photo");
		String broken = this.onenote.brokenImage("Deleted chart");
		this.onenote.edit(this.deepArchived, T0,
				"<h1>Budget</h1><script>alert('x')</script><p>Totals</p>" + photo
						+ "<ul><li>Travel</li><li>Hardware</li></ul><table><tr><td>Q1</td><td>40k</td></tr></table>"
						+ broken + "<object data-attachment=\"budget.xlsx\" type=\"application/vnd.ms-excel\" data=\""
						+ this.server.graphUrl() + "/me/onenote/resources/xyz/$value\"></object>");
		TestSourceContext<OneNoteConfig> source = source(Map.of());
		ItemRef ref = ref(source, this.deepArchived);

		SourceItem item = this.plugin.getDocument(source, ref);

		assertThat(item.mediaType()).isEqualTo("text/html");
		assertThat(item.fileName()).isEqualTo("Old budget.html");
		assertThat(item.title()).isEqualTo("Old budget");
		assertThat(item.url()).isEqualTo(this.onenote.webUrl(this.deepArchived));
		assertThat(item.modifiedAt()).isEqualTo(T0);
		String html = new String(item.content(), StandardCharsets.UTF_8);
		assertThat(html)
			.contains("<h1>Budget</h1>", "<li>Travel</li>", "<td>40k</td>", "[Image: Whiteboard photo]",
					"[Attachment: budget.xlsx]", "<title>Old budget</title>")
			.doesNotContain("<script", "alert(", "<img");
		assertThat(item.images()).singleElement().satisfies((image) -> {
			assertThat(image.mediaType()).isEqualTo("image/png");
			assertThat(image.content()).isEqualTo(PNG);
			assertThat(image.altText()).isEqualTo("Whiteboard photo");
		});
		assertThat(item.metadata()).containsEntry("notebook", "Work")
			.containsEntry("section_group", "Projects/Archive")
			.containsEntry("section", "2019")
			.containsEntry("path", "Work / Projects/Archive / 2019");
		assertThat((List<?>) item.metadata().get("skipped_images")).singleElement().asString().endsWith(": not found");
		assertThat(this.server.requests("/v1.0/" + LocalOneNote.USER + "/onenote/resources/"))
			.allSatisfy((r) -> assertThat(r.authorization()).startsWith("Bearer "));
	}

	@Test
	void shouldReadAPageWithoutListingHintsByAskingGraphForIt() {
		TestSourceContext<OneNoteConfig> source = source(Map.of());

		SourceItem item = this.plugin.getDocument(source, new ItemRef(this.kickoff.id, null, null, null, Map.of()));

		assertThat(item.title()).isEqualTo("Kickoff");
		assertThat(item.url()).isEqualTo(this.onenote.webUrl(this.kickoff));
		assertThat(new String(item.content(), StandardCharsets.UTF_8)).contains("Ship the pipeline.");
	}

	@Test
	void shouldNotFetchImagesWhenTheSourceExcludesThem() {
		this.onenote.edit(this.kickoff, T0, "<p>Photo</p>" + this.onenote.image("image/png", PNG, "Photo"));
		TestSourceContext<OneNoteConfig> source = source(Map.of("include_images", false));

		SourceItem item = this.plugin.getDocument(source, ref(source, this.kickoff));

		assertThat(item.images()).isEmpty();
		assertThat(this.server.requests()).noneMatch((r) -> r.path().contains("/resources/"));
	}

	@Test
	void shouldSkipAnImageLargerThanTheLimitAndKeepThePage() {
		this.onenote.edit(this.kickoff, T0,
				"<p>Scan</p>" + this.onenote.image("image/jpeg", new byte[4096], "Scanned receipt"));
		OneNoteDataSource small = plugin(DataSize.ofBytes(1000));
		TestSourceContext<OneNoteConfig> source = source(Map.of());

		SourceItem item = small.getDocument(source, ref(source, this.kickoff));

		assertThat(item.images()).isEmpty();
		assertThat((List<?>) item.metadata().get("skipped_images")).singleElement()
			.asString()
			.contains("larger than 1000 bytes");
		assertThat(new String(item.content(), StandardCharsets.UTF_8)).contains("[Image: Scanned receipt]");
	}

	@Test
	void shouldStillReadTheTextOfAPageWhoseHtmlIsBroken() {
		this.onenote.rawHtml(this.kickoff, "<html><head><title>Kickoff</head><body><div><p>Budget <b>approved"
				+ "<table><tr><td>Q1<td>40k</div></p></i><li>unfinished item<h2>Next steps<p>Hire \u00e9quipe");
		TestSourceContext<OneNoteConfig> source = source(Map.of());

		SourceItem item = this.plugin.getDocument(source, ref(source, this.kickoff));

		String html = new String(item.content(), StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(html).text()).contains("Budget approved", "Q1", "40k", "unfinished item",
				"Next steps", "Hire \u00e9quipe");
	}

	@Test
	void shouldFailOnlyThePageWhenNothingReadableIsLeft() {
		this.onenote.rawHtml(this.kickoff, "<html><body><script>var x = 1;</script><div>   </div></body></html>");
		TestSourceContext<OneNoteConfig> source = source(Map.of());
		ItemRef ref = new ItemRef(this.kickoff.id, "", null, null, ref(source, this.kickoff).hints());

		assertThatExceptionOfType(ItemException.class).isThrownBy(() -> this.plugin.getDocument(source, ref))
			.withMessageContaining("no readable text");
	}

	@Test
	void shouldReturnNothingForAPageDeletedAtTheSource() {
		TestSourceContext<OneNoteConfig> source = source(Map.of());
		ItemRef ref = ref(source, this.retro);
		this.onenote.delete(this.retro);

		assertThat(this.plugin.getDocument(source, ref)).isNull();
	}

	@Test
	void shouldSlowDownWhileGraphThrottlesAndFinishTheListing() {
		this.server.throttle("/v1.0/me/onenote/sections/", 3, 429, "2");

		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null);

		assertThat(changes.items()).hasSize(8);
		assertThat(this.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
	}

	@Test
	void shouldAskForReconnectionWhenTheUserRevokedConsent() {
		this.server.revokeRefreshToken("M.R3_BAY.revoked", 65001);
		TestSourceContext<OneNoteConfig> source = TestSourceContext.of(this.plugin.configure(Map.of()),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.revoked"));

		assertThatExceptionOfType(ReconnectRequiredException.class)
			.isThrownBy(() -> this.plugin.fetchDocuments(source, FetchFilters.NONE, null))
			.withMessageContaining("AADSTS65001");
		assertThatExceptionOfType(ReconnectRequiredException.class).isThrownBy(() -> this.plugin.authenticate(source));
	}

	@Test
	void shouldSaveARotatedRefreshTokenWhileSyncing() {
		this.server.acceptRefreshToken("M.R3_BAY.old", "M.R3_BAY.new");
		TestSourceContext<OneNoteConfig> source = TestSourceContext.of(this.plugin.configure(Map.of()),
				Map.of(MicrosoftTokens.REFRESH_TOKEN, "M.R3_BAY.old"));

		this.plugin.authenticate(source);

		assertThat(source.credentialUpdates()).containsExactly(Map.of("refresh_token", "M.R3_BAY.new"));
		assertThat(this.server.requests("/v1.0/me/onenote/notebooks")).singleElement()
			.satisfies((r) -> assertThat(r.rawQuery()).contains("$top=1"));
	}

	@Test
	void shouldReadTheNotebooksOfASharePointSite() {
		String site = "contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE";
		LocalOneNote siteNotes = new LocalOneNote(this.server, "/sites/" + site + "/onenote", 20);
		Page handbook = siteNotes.page(siteNotes.section(siteNotes.notebook("Team"), "Onboarding"), "Handbook", T0,
				"<p>Welcome</p>");
		TestSourceContext<OneNoteConfig> source = source(Map.of("scope", "site", "site_id", site));

		ChangeSet changes = this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		SourceItem item = this.plugin.getDocument(source, changes.items().get(0));

		assertThat(changes.items()).extracting(ItemRef::itemId).containsExactly(handbook.id);
		assertThat(new String(item.content(), StandardCharsets.UTF_8)).contains("Welcome");
		assertThat(this.server.requests("/v1.0/sites/" + site + "/onenote/notebooks")).isNotEmpty();
		assertThat(this.server.requests("/v1.0/me/")).isEmpty();
	}

	@Test
	void shouldSayClearlyWhenTheSiteHasNoNotebooks() {
		TestSourceContext<OneNoteConfig> source = source(
				Map.of("scope", "site", "site_id", "contoso.sharepoint.com,missing,missing"));

		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> this.plugin.authenticate(source))
			.withMessageContaining("config.site_id");
	}

	private ItemRef ref(TestSourceContext<OneNoteConfig> source, Page page) {
		return this.plugin.fetchDocuments(source, FetchFilters.NONE, null)
			.items()
			.stream()
			.filter((i) -> i.itemId().equals(page.id))
			.findFirst()
			.orElseThrow();
	}

}
