package io.noterag.indexing.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Small real documents of every supported type, made by the libraries Tika itself reads
 * them with (PDFBox, POI), for extraction and end-to-end tests.
 */
public final class TestDocuments {

	private TestDocuments() {
	}

	public static byte[] html(String title, String heading, String body) {
		return ("""
				<!DOCTYPE html>
				<html><head><title>%s</title><style>p { color: red }</style>
				<script>var ignored = "script text";</script></head>
				<body>
				<nav><a href="/">Home</a> | <a href="/about">About navigation menu</a></nav>
				<h1>%s</h1>
				<p>%s</p>
				</body></html>
				""").formatted(title, heading, body).getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A Word document with core-properties title, a level-1 heading, paragraphs and a
	 * table.
	 */
	public static byte[] docx(String title, String heading, List<String> paragraphs, List<List<String>> table) {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.getProperties().getCoreProperties().setTitle(title);
			XWPFStyles styles = document.createStyles();
			CTStyle style = CTStyle.Factory.newInstance();
			style.setStyleId("Heading1");
			style.setType(STStyleType.PARAGRAPH);
			CTString name = CTString.Factory.newInstance();
			name.setVal("heading 1");
			style.setName(name);
			styles.addStyle(new XWPFStyle(style));
			XWPFParagraph headingParagraph = document.createParagraph();
			headingParagraph.setStyle("Heading1");
			headingParagraph.createRun().setText(heading);
			for (String text : paragraphs) {
				document.createParagraph().createRun().setText(text);
			}
			if (!table.isEmpty()) {
				XWPFTable wordTable = document.createTable(table.size(), table.getFirst().size());
				for (int row = 0; row < table.size(); row++) {
					for (int column = 0; column < table.get(row).size(); column++) {
						wordTable.getRow(row).getCell(column).setText(table.get(row).get(column));
					}
				}
			}
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A one-page PDF with a document-information title and the given lines. */
	public static byte[] pdf(String title, List<String> lines) {
		return pdf(title, lines, null);
	}

	/** A PDF that needs the given user password to be opened. */
	public static byte[] encryptedPdf(String userPassword, List<String> lines) {
		return pdf("Secret", lines, userPassword);
	}

	/** Starts like a PDF, then is garbage. */
	public static byte[] corruptPdf() {
		byte[] bytes = new byte[2048];
		byte[] header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(header, 0, bytes, 0, header.length);
		for (int i = header.length; i < bytes.length; i++) {
			bytes[i] = (byte) ((i * 31) ^ 0x5a);
		}
		return bytes;
	}

	private static byte[] pdf(String title, List<String> lines, String userPassword) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDDocumentInformation information = new PDDocumentInformation();
			information.setTitle(title);
			information.setAuthor("Test Author");
			document.setDocumentInformation(information);
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.setLeading(16);
				content.newLineAtOffset(72, 720);
				for (String line : lines) {
					content.showText(line);
					content.newLine();
				}
				content.endText();
			}
			if (userPassword != null) {
				StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword,
						new AccessPermission());
				policy.setEncryptionKeyLength(128);
				document.protect(policy);
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
