package io.noterag.indexing.plugin.sharepoint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.noterag.indexing.plugin.microsoft.GraphClient;
import io.noterag.indexing.plugin.microsoft.LocalGraphServer;
import io.noterag.indexing.plugin.microsoft.MicrosoftGraphProperties;
import io.noterag.indexing.plugin.microsoft.MicrosoftTokens;
import io.noterag.indexing.testsupport.TestSourceContext;
import io.noterag.indexing.plugin.sharepoint.LocalSharePoint.Drive;
import io.noterag.indexing.plugin.sharepoint.LocalSharePoint.Item;
import io.noterag.shared.source.config.SharePointConfig;
import io.noterag.shared.source.plugin.ChangeSet;
import io.noterag.shared.source.plugin.FetchFilters;
import io.noterag.shared.source.plugin.ItemRef;
import io.noterag.shared.source.plugin.PluginCapability;
import io.noterag.shared.source.plugin.RejectedItem;
import io.noterag.shared.source.plugin.SourceAuthenticationException;
import io.noterag.shared.source.plugin.SourceException;
import io.noterag.shared.source.plugin.SourceItem;
import io.noterag.shared.source.plugin.SourceUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SharePointDataSourceTests {

	private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

	private LocalGraphServer server;

	private LocalSharePoint sharepoint;

	private SharePointDataSource plugin;

	private Drive documents;

	private Drive archive;

	private Item policies;

	private Item handbook;

	private Item travel;

	private Item security;

	private Item readme;

	@BeforeEach
	void start() {
		this.server = LocalGraphServer.start();
		this.sharepoint = new LocalSharePoint(this.server, 3);
		this.documents = this.sharepoint.drive("Documents", "Shared%20Documents");
		this.policies = this.sharepoint.folder(this.documents, null, "Policies");
		Item hr = this.sharepoint.folder(this.documents, this.policies, "HR");
		this.handbook = this.sharepoint.file(this.documents, hr, "Handbook.docx", DOCX, bytes("handbook v1"));
		this.travel = this.sharepoint.file(this.documents, this.policies, "Travel policy.pdf", "application/pdf",
				bytes("%PDF-1.7 travel"));
		this.sharepoint.file(this.documents, null, "setup.exe", "application/x-msdownload", bytes("MZ"));
		this.sharepoint.file(this.documents, null, "Big scan.pdf", "application/pdf", new byte[5000]);
		this.readme = this.sharepoint.file(this.documents, null, "README.md", "text/markdown", bytes("# Read me"));
		this.archive = this.sharepoint.drive("Archive", "Archive");
		this.security = this.sharepoint.file(this.archive, null, "Security 2019.txt", "text/plain",
				bytes("old security notes"));
		this.plugin = new SharePointDataSource(this.server.client(), this.server.tokens());
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private TestSourceContext<SharePointConfig> source(Map<String, Object> config) {
		Map<String, Object> all = new java.util.HashMap<>(
				Map.of("site_id", LocalSharePoint.SITE, "max_file_bytes", 1000));
		all.putAll(config);
		return TestSourceContext.of(this.plugin.configure(all), Map.of());
	}

	@Test
	void shouldDeclareIncrementalSyncDeletionsAndSearch() {
		assertThat(this.plugin.sourceType()).isEqualTo("sharepoint");
		assertThat(this.plugin.capabilities()).containsExactlyInAnyOrder(PluginCapability.INCREMENTAL_SYNC,
				PluginCapability.DELETIONS, PluginCapability.SEARCH);
	}

	@Test
	void shouldListEveryReadableFileOfEveryLibraryThroughDeltaAndKeepTheDeltaLinks() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null);

		assertThat(changes.complete()).isTrue();
		assertThat(changes.items()).extracting(ItemRef::title)
			.containsExactlyInAnyOrder("Handbook.docx", "Travel policy.pdf", "README.md", "Security 2019.txt");
		assertThat(changes.rejected()).extracting(RejectedItem::reason)
			.singleElement()
			.asString()
			.contains("Big scan.pdf", "5000 bytes");
		ItemRef handbookRef = find(changes, this.handbook);
		assertThat(handbookRef.itemId()).isEqualTo(this.documents.id + ":" + this.handbook.id);
		assertThat(handbookRef.hints()).containsEntry("drive_id", this.documents.id)
			.containsEntry("item_id", this.handbook.id);
		assertThat(handbookRef.version()).startsWith("\"c:{");
		assertThat(changes.nextCursor()).contains(this.documents.id, this.archive.id, "root/delta?token=");
		assertThat(this.server.requests("/v1.0/drives/" + this.documents.id + "/root/delta")).hasSizeGreaterThan(2);
	}

	@Test
	void shouldListOnlyTheChangesAndDeletionsSinceTheDeltaLinks() {
		TestSourceContext<SharePointConfig> source = source(Map.of());
		ChangeSet first = this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		this.sharepoint.change(this.handbook, bytes("handbook v2"));
		this.sharepoint.delete(this.travel);
		this.server.clearRecords();

		ChangeSet second = this.plugin.fetchDocuments(source.nextSync(first.nextCursor()), FetchFilters.NONE, null);

		assertThat(second.complete()).isFalse();
		assertThat(second.items()).extracting(ItemRef::itemId)
			.containsExactly(this.documents.id + ":" + this.handbook.id);
		assertThat(second.deletedItemIds()).containsExactly(this.documents.id + ":" + this.travel.id);
		assertThat(this.server.requests("/v1.0/drives/"))
			.allSatisfy((r) -> assertThat(r.rawQuery()).contains("token="));
		ChangeSet third = this.plugin.fetchDocuments(source.nextSync(second.nextCursor()), FetchFilters.NONE, null);
		assertThat(third.items()).isEmpty();
		assertThat(third.deletedItemIds()).isEmpty();
	}

	@Test
	void shouldListEverythingAgainWhenADeltaLinkHasExpired() {
		TestSourceContext<SharePointConfig> source = source(Map.of());
		ChangeSet first = this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		this.sharepoint.delete(this.readme);
		this.sharepoint.expireDeltaTokens(this.archive);

		ChangeSet resync = this.plugin.fetchDocuments(source.nextSync(first.nextCursor()), FetchFilters.NONE, null);

		assertThat(resync.complete()).isTrue();
		assertThat(resync.deletedItemIds()).isEmpty();
		assertThat(resync.items()).extracting(ItemRef::title)
			.containsExactlyInAnyOrder("Handbook.docx", "Travel policy.pdf", "Security 2019.txt");
		ChangeSet after = this.plugin.fetchDocuments(source.nextSync(resync.nextCursor()), FetchFilters.NONE, null);
		assertThat(after.complete()).isFalse();
		assertThat(after.items()).isEmpty();
	}

	@Test
	void shouldListEverythingAgainWhenTheSettingsChanged() {
		ChangeSet first = this.plugin.fetchDocuments(source(Map.of()), FetchFilters.NONE, null);

		ChangeSet second = this.plugin.fetchDocuments(
				source(Map.of("extensions", List.of("md"))).nextSync(first.nextCursor()), FetchFilters.NONE, null);

		assertThat(second.complete()).isTrue();
		assertThat(second.items()).extracting(ItemRef::title).containsExactly("README.md");
	}

	@Test
	void shouldListOnlyTheFilesBelowTheConfiguredFolderAndForgetFilesMovedOut() {
		TestSourceContext<SharePointConfig> source = source(Map.of("folder_path", "/Shared Documents/Policies"));
		ChangeSet first = this.plugin.fetchDocuments(source, FetchFilters.NONE, null);
		this.sharepoint.move(this.travel, this.documents.root);
		this.sharepoint.change(this.handbook, bytes("handbook v3"));

		ChangeSet second = this.plugin.fetchDocuments(source.nextSync(first.nextCursor()), FetchFilters.NONE, null);

		assertThat(first.items()).extracting(ItemRef::title)
			.containsExactlyInAnyOrder("Handbook.docx", "Travel policy.pdf");
		assertThat(second.items()).extracting(ItemRef::title).containsExactly("Handbook.docx");
		assertThat(second.deletedItemIds()).containsExactly(this.documents.id + ":" + this.travel.id);
	}

	@Test
	void shouldListOnlyTheConfiguredLibraries() {
		ChangeSet changes = this.plugin.fetchDocuments(source(Map.of("drive_ids", List.of(this.archive.id))),
				FetchFilters.NONE, null);

		assertThat(changes.items()).extracting(ItemRef::title).containsExactly("Security 2019.txt");
		assertThat(this.server.requests("/v1.0/drives/" + this.documents.id)).isEmpty();
	}

	@Test
	void shouldSayWhichConfiguredLibraryDoesNotExist() {
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> this.plugin.fetchDocuments(source(Map.of("drive_ids", List.of("b!missing"))),
					FetchFilters.NONE, null))
			.withMessageContaining("b!missing")
			.withMessageContaining("config.drive_ids");
	}

	@Test
	void shouldDownloadAFileWithoutSendingTheTokenToTheDownloadHost() {
		TestSourceContext<SharePointConfig> source = source(Map.of());
		ItemRef ref = find(this.plugin.fetchDocuments(source, FetchFilters.NONE, null), this.handbook);

		SourceItem item = this.plugin.getDocument(source, ref);

		assertThat(new String(item.content(), StandardCharsets.UTF_8)).isEqualTo("handbook v1");
		assertThat(item.fileName()).isEqualTo("Handbook.docx");
		assertThat(item.mediaType()).isEqualTo(DOCX);
		assertThat(item.url())
			.isEqualTo("https://contoso.sharepoint.com/sites/Policies/Shared%20Documents/Policies/HR/Handbook.docx");
		assertThat(item.metadata()).containsEntry("folder", "/Policies/HR")
			.containsEntry("drive_id", this.documents.id);
		assertThat(this.server.requests("/download/")).singleElement()
			.satisfies((r) -> assertThat(r.authorization()).isNull());
	}

	@Test
	void shouldReturnNothingForAFileDeletedAtTheSource() {
		TestSourceContext<SharePointConfig> source = source(Map.of());
		ItemRef ref = find(this.plugin.fetchDocuments(source, FetchFilters.NONE, null), this.readme);
		this.sharepoint.delete(this.readme);

		assertThat(this.plugin.getDocument(source, ref)).isNull();
	}

	@Test
	void shouldSearchTheLibrariesForReadableFiles() {
		List<ItemRef> found = this.plugin.search(source(Map.of()), "policy", 10);

		assertThat(found).extracting(ItemRef::title).containsExactly("Travel policy.pdf");
	}

	@Test
	void shouldRefuseAWrongClientSecret() {
		TestSourceContext<SharePointConfig> source = TestSourceContext.of(
				this.plugin.configure(Map.of("site_id", LocalSharePoint.SITE)),
				Map.of("tenant_id", LocalGraphServer.TENANT_ID, "client_id", LocalGraphServer.CLIENT_ID,
						"client_secret", "not-the-secret"));

		assertThatExceptionOfType(SourceAuthenticationException.class)
			.isThrownBy(() -> this.plugin.authenticate(source))
			.withMessageContaining("AADSTS7000215");
	}

	@Test
	void shouldAuthenticateAgainstTheSite() {
		this.plugin.authenticate(source(Map.of()));

		assertThat(this.server.requests("/v1.0/sites/" + LocalSharePoint.SITE)).isNotEmpty();
	}

	@Test
	void shouldSayClearlyWhenTheSiteDoesNotExist() {
		assertThatExceptionOfType(SourceException.class)
			.isThrownBy(() -> this.plugin.authenticate(source(Map.of("site_id", "contoso.sharepoint.com,nope,nope"))))
			.withMessageContaining("config.site_id");
	}

	@Test
	void shouldReportAnUnreachableHostAsUnavailable() {
		int closed = closedPort();
		MicrosoftGraphProperties unreachable = new MicrosoftGraphProperties("http://127.0.0.1:" + closed,
				LocalGraphServer.TENANT_ID, LocalGraphServer.CLIENT_ID, LocalGraphServer.CLIENT_SECRET,
				"http://127.0.0.1:" + closed + "/v1.0", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO,
				Duration.ofMinutes(2));
		SharePointDataSource offline = new SharePointDataSource(new GraphClient(unreachable),
				new MicrosoftTokens(unreachable));

		assertThatExceptionOfType(SourceUnavailableException.class)
			.isThrownBy(() -> offline.authenticate(source(Map.of())))
			.withMessageContaining("127.0.0.1");
	}

	private static ItemRef find(ChangeSet changes, Item item) {
		return changes.items().stream().filter((ref) -> ref.itemId().endsWith(":" + item.id)).findFirst().orElseThrow();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
