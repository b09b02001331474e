package io.noterag.indexing.extraction;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.noterag.indexing.extraction.Block.Kind;
import io.noterag.indexing.testsupport.TestDocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TikaExtractorTests {

	private static final TikaExtractor extractor = new TikaExtractor(5_000_000, Duration.ofMinutes(1));

	@Test
	void shouldReadHtmlHeadingsParagraphsListsAndTablesButNotScriptsOrNavigation() throws Exception {
		byte[] html = """
				<html><head><title>Release checklist</title><script>var hidden = 1;</script></head>
				<body><nav>Home About</nav>
				<h1>Release</h1>
				<p>Follow   these steps
				before every release.</p>
				<h2>Steps</h2>
				<ol><li>Freeze the branch.</li><li>Run the <b>full</b> test suite.</li></ol>
				<ul><li>Tell support.</li></ul>
				<table><tr><th>Owner</th><th>Task</th></tr><tr><td>Ana</td><td>Tag the build</td></tr></table>
				<pre>git tag -a v1.2
				git push --tags</pre>
				</body></html>
				""".getBytes(StandardCharsets.UTF_8);

		ExtractedDocument document = extractor.extract("release.html", html);

		assertThat(document.title()).isEqualTo("Release checklist");
		assertThat(document.contentType()).isEqualTo("text/html");
		assertThat(document.blocks()).containsExactly(Block.heading(1, "Release"),
				Block.paragraph("Follow these steps before every release."), Block.heading(2, "Steps"),
				Block.listItem("1. Freeze the branch.", 1, 1), Block.listItem("2. Run the full test suite.", 1, 1),
				Block.listItem("- Tell support.", 1, 2), Block.tableRow("Owner | Task", 3, true),
				Block.tableRow("Ana | Tag the build", 3, false), Block.code("git tag -a v1.2\ngit push --tags"));
	}

	@Test
	void shouldReadMarkdownStructureAndTakeTheTitleFromTheFirstLevelOneHeading() throws Exception {
		byte[] markdown = """
				# Restore runbook

				Restores use the [latest dump](https://backup.example/dumps).

				## Steps

				1. Stop the application.
				2. Run `pg_restore`
				   with the dump file.
				3. Start the application.

				| Database | Size |
				|----------|-----:|
				| billing  | 40 GB |
				| crm      | 12 GB |

				```
				pg_restore -d billing billing.dump
				```

				Setext heading
				--------------
				Last words.
				""".getBytes(StandardCharsets.UTF_8);

		ExtractedDocument document = extractor.extract("restore.md", markdown);

		assertThat(document.title()).isEqualTo("Restore runbook");
		assertThat(document.contentType()).isEqualTo("text/markdown");
		assertThat(document.blocks()).containsExactly(Block.heading(1, "Restore runbook"),
				Block.paragraph("Restores use the latest dump."), Block.heading(2, "Steps"),
				Block.listItem("1. Stop the application.", 1, 1),
				Block.listItem("2. Run `pg_restore` with the dump file.", 1, 1),
				Block.listItem("3. Start the application.", 1, 1), Block.tableRow("Database | Size", 2, true),
				Block.tableRow("billing | 40 GB", 2, false), Block.tableRow("crm | 12 GB", 2, false),
				Block.code("pg_restore -d billing billing.dump"), Block.heading(2, "Setext heading"),
				Block.paragraph("Last words."));
	}

	@Test
	void shouldUseTheFrontMatterTitleOfMarkdownAndSkipTheFrontMatter() throws Exception {
		byte[] markdown = "---\ntitle: \"Team notes\"\ntags: [a]\n---\nSome text.\n".getBytes(StandardCharsets.UTF_8);

		ExtractedDocument document = extractor.extract("notes.md", markdown);

		assertThat(document.title()).isEqualTo("Team notes");
		assertThat(document.blocks()).containsExactly(Block.paragraph("Some text."));
	}

	@Test
	void shouldReadPlainTextParagraphsAndListsWithTheFileNameAsTitle() throws Exception {
		byte[] text = "Shopping for the offsite\nis done by Mia.\n\n1. Coffee\n2. Fruit\n\nThanks!\n"
			.getBytes(StandardCharsets.UTF_8);

		ExtractedDocument document = extractor.extract("offsite.txt", text);

		assertThat(document.title()).isEqualTo("offsite.txt");
		assertThat(document.contentType()).isEqualTo("text/plain");
		assertThat(document.blocks()).containsExactly(Block.paragraph("Shopping for the offsite is done by Mia."),
				Block.listItem("1. Coffee", 1, 1), Block.listItem("2. Fruit", 1, 1), Block.paragraph("Thanks!"));
	}

	@Test
	void shouldReadUnderlinedHeadingsOfPlainTextAndKeepShortLinesApart() throws Exception {
		byte[] text = """
				Vendor contacts
				===============

				Corvid Networks (CDN and DNS)
				  What they do for us: serve the public tracking page and its static assets, host
				  our public DNS zones.
				  Account manager: Dana Whitfield.
				  Renewal: every October.

				Rules
				-----
				  - Never share customer data in a ticket.
				""".getBytes(StandardCharsets.UTF_8);

		ExtractedDocument document = extractor.extract("vendors.txt", text);

		assertThat(document.title()).isEqualTo("Vendor contacts");
		assertThat(document.blocks())
			.containsExactly(Block.heading(1, "Vendor contacts"), Block.paragraph("Corvid Networks (CDN and DNS)\n"
					+ "What they do for us: serve the public tracking page and its static assets, host our public DNS zones.\n"
					+ "Account manager: Dana Whitfield.\nRenewal: every October."), Block.heading(2, "Rules"),
					Block.listItem("- Never share customer data in a ticket.", 2, 1));
	}

	@Test
	void shouldDecodeTextInOtherCharsets() throws Exception {
		byte[] latin1 = "Caf\u00e9 cr\u00e8me and cr\u00eape recipes for the \u00e9quipe, d\u00e9j\u00e0 vu."
			.getBytes(StandardCharsets.ISO_8859_1);

		ExtractedDocument document = extractor.extract("menu.txt", latin1);

		assertThat(document.blocks().getFirst().text()).contains("Caf\u00e9 cr\u00e8me", "d\u00e9j\u00e0 vu");
	}

	@Test
	void shouldReadADocxWithItsTitleHeadingParagraphsAndTable() throws Exception {
		byte[] docx = TestDocuments.docx("Onboarding guide", "Week one",
				List.of("New joiners get a laptop on day one.", "The buddy answers questions."),
				List.of(List.of("Day", "Activity"), List.of("Monday", "Security training")));

		ExtractedDocument document = extractor.extract("onboarding.docx", docx);

		assertThat(document.title()).isEqualTo("Onboarding guide");
		assertThat(document.contentType()).isEqualTo(TikaExtractor.DOCX.toString());
		assertThat(document.blocks()).contains(Block.heading(1, "Week one"),
				Block.paragraph("New joiners get a laptop on day one."),
				Block.paragraph("The buddy answers questions."));
		assertThat(document.blocks()).filteredOn((block) -> block.kind() == Kind.TABLE_ROW)
			.extracting(Block::text)
			.containsExactly("Day | Activity", "Monday | Security training");
	}

	@Test
	void shouldReadAPdfWithItsMetadataTitleAndPageCount() throws Exception {
		byte[] pdf = TestDocuments.pdf("Incident report 42",
				List.of("The outage lasted twelve minutes.", "The cause was an expired certificate."));

		ExtractedDocument document = extractor.extract("incident.pdf", pdf);

		assertThat(document.title()).isEqualTo("Incident report 42");
		assertThat(document.contentType()).isEqualTo("application/pdf");
		assertThat(String.join(" ", document.blocks().stream().map(Block::text).toList()))
			.contains("The outage lasted twelve minutes.", "The cause was an expired certificate.");
		assertThat(document.metadata()).containsEntry("page_count", 1).containsEntry("author", "Test Author");
	}

	@Test
	void shouldRefuseACorruptPdfWithAClearReason() {
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract("broken.pdf", TestDocuments.corruptPdf()))
			.withMessageStartingWith("corrupt or unreadable PDF");
	}

	@Test
	void shouldRefuseAFileNamedPdfThatIsNotAPdf() {
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract("notes.pdf", TestDocuments.text("Just some text, not a PDF.")))
			.withMessage("content does not match the .pdf extension (detected text/plain)");
	}

	@Test
	void shouldRefuseAnEncryptedPdf() {
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract("secret.pdf",
					TestDocuments.encryptedPdf("s3cret", List.of("The launch date is secret."))))
			.withMessage("encrypted (password protected)");
	}

	@Test
	void shouldRefuseUnsupportedAndEmptyFiles() {
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract("data.json", TestDocuments.text("{\"a\": 1}")))
			.withMessage("unsupported type application/json");
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
		assertThatExceptionOfType(ExtractionException.class).isThrownBy(() -> extractor.extract("photo.png", png))
			.withMessage("unsupported type image/png");
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract("empty.txt", new byte[0]))
			.withMessage("empty file");
	}

	@Test
	void shouldKeepTheBeginningOfAVeryLongDocumentAndSayItIsTruncated() throws Exception {
		TikaExtractor limited = new TikaExtractor(1000, Duration.ofMinutes(1));
		String paragraph = "<p>" + "word ".repeat(100) + "</p>";
		byte[] html = ("<html><body><h1>Long</h1>" + paragraph.repeat(20) + "</body></html>")
			.getBytes(StandardCharsets.UTF_8);

		ExtractedDocument document = limited.extract("long.html", html);

		assertThat(document.metadata()).containsEntry("truncated", true);
		assertThat(document.blocks()).isNotEmpty().first().isEqualTo(Block.heading(1, "Long"));
		ExtractedDocument text = limited.extract("long.txt", TestDocuments.text("word ".repeat(1000)));
		assertThat(text.metadata()).containsEntry("truncated", true);
	}

	@Test
	void shouldGiveUpOnAFileThatTakesTooLongToParse() {
		try (TikaExtractor impatient = new TikaExtractor(5_000_000, Duration.ofMillis(1))) {
			byte[] docx = TestDocuments.docx("Slow", "Slow", List.of("Parsing a Word file takes a while."), List.of());

			assertThatExceptionOfType(ExtractionException.class).isThrownBy(() -> impatient.extract("slow.docx", docx))
				.withMessage("parsing took longer than 1 ms (the limit), gave up");
		}
	}

}
