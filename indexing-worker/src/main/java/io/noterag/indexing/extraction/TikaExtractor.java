package io.noterag.indexing.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.html.HtmlMapper;
import org.apache.tika.parser.html.IdentityHtmlMapper;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import io.noterag.indexing.extraction.internal.MarkdownBlocks;
import io.noterag.indexing.extraction.internal.PlainTextBlocks;
import io.noterag.indexing.extraction.internal.XhtmlBlockHandler;
import io.noterag.indexing.extraction.internal.XhtmlBlockHandler.CharacterLimitReachedException;

/**
 * Extracts structured text from HTML, Markdown, PDF, DOCX and plain text with Apache
 * Tika. The type is detected from the content (the file name only refines it): a file
 * named {@code .pdf} or {@code .docx} whose content is something else is refused, as is
 * every other type. Embedded documents and OCR are not processed, and at most
 * {@code maxCharacters} characters are read from a file (the rest is dropped and the
 * document marked {@code truncated}). A parse that takes longer than the timeout is given
 * up: the file fails and the next one is parsed on a fresh thread.
 */
public class TikaExtractor implements AutoCloseable {

	/** The Word (OOXML) document type. */
	public static final MediaType DOCX = MediaType
		.parse("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

	/** The Markdown type Tika detects for {@code .md} files. */
	public static final MediaType MARKDOWN = MediaType.parse("text/markdown");

	/** The older name of the Markdown type. */
	private static final MediaType WEB_MARKDOWN = MediaType.parse("text/x-web-markdown");

	private static final MediaType XHTML = MediaType.parse("application/xhtml+xml");

	private static final Set<MediaType> SUPPORTED = Set.of(MediaType.TEXT_PLAIN, MARKDOWN, MediaType.TEXT_HTML, XHTML,
			MediaType.application("pdf"), DOCX);

	/** Types whose file extension promises a binary format the content must have. */
	private static final Set<MediaType> STRICT_BY_NAME = Set.of(MediaType.application("pdf"), DOCX);

	private final AutoDetectParser parser;

	private final Detector detector;

	private final MimeTypes mimeTypes;

	private final MediaTypeRegistry registry;

	private final long maxCharacters;

	private final Duration timeout;

	private final ExecutorService parsers;

	public TikaExtractor(long maxCharacters, Duration timeout) {
		TikaConfig config = TikaConfig.getDefaultConfig();
		this.parser = new AutoDetectParser(config);
		this.detector = config.getDetector();
		this.mimeTypes = config.getMimeRepository();
		this.registry = config.getMediaTypeRegistry();
		this.maxCharacters = maxCharacters;
		this.timeout = timeout;
		this.parsers = Executors.newCachedThreadPool(Thread.ofPlatform().name("tika-parser-", 1).daemon().factory());
	}

	/**
	 * Extracts a file's text.
	 * @param fileName the file's name, used for type detection and as the last-resort
	 * title
	 * @param content the file's bytes
	 * @return the structured text
	 * @throws ExtractionException when the file is empty, of an unsupported type,
	 * encrypted or corrupt; the message says which
	 */
	public ExtractedDocument extract(String fileName, byte[] content) throws ExtractionException {
		if (content.length == 0) {
			throw new ExtractionException("empty file");
		}
		MediaType type = detect(fileName, content);
		checkExtension(fileName, type);
		if (type.equals(MediaType.TEXT_PLAIN) || type.equals(MARKDOWN)) {
			return extractText(fileName, content, type);
		}
		if (!SUPPORTED.contains(type)) {
			throw new ExtractionException("unsupported type " + type);
		}
		Future<ExtractedDocument> parse = this.parsers.submit(() -> extractWithTika(fileName, content, type));
		try {
			return parse.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			parse.cancel(true);
			String limit = (this.timeout.toSeconds() > 0) ? this.timeout.toSeconds() + " s"
					: this.timeout.toMillis() + " ms";
			throw new ExtractionException("parsing took longer than " + limit + " (the limit), gave up", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof ExtractionException extraction) {
				throw extraction;
			}
			throw new ExtractionException("corrupt or unreadable " + label(type) + ": " + describe(ex.getCause()),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			parse.cancel(true);
			Thread.currentThread().interrupt();
			throw new ExtractionException("interrupted while parsing", ex);
		}
	}

	@Override
	public void close() {
		this.parsers.shutdownNow();
	}

	/**
	 * Detects a file's type from its content and name.
	 * @param fileName the name
	 * @param content the bytes
	 * @return the type without parameters
	 */
	public MediaType detect(String fileName, byte[] content) {
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
		try (TikaInputStream stream = TikaInputStream.get(content)) {
			MediaType type = this.registry.normalize(this.detector.detect(stream, metadata).getBaseType());
			return type.equals(WEB_MARKDOWN) ? MARKDOWN : type;
		}
		catch (IOException ex) {
			return MediaType.OCTET_STREAM;
		}
	}

	private void checkExtension(String fileName, MediaType detected) throws ExtractionException {
		MediaType byName = this.mimeTypes.getMimeType(fileName).getType().getBaseType();
		if (STRICT_BY_NAME.contains(byName) && !detected.equals(byName)
				&& !this.registry.isSpecializationOf(detected, byName)) {
			String extension = fileName.substring(fileName.lastIndexOf('.')).toLowerCase(Locale.ROOT);
			throw new ExtractionException(
					"content does not match the " + extension + " extension (detected " + detected + ")");
		}
	}

	private ExtractedDocument extractText(String fileName, byte[] content, MediaType type) throws ExtractionException {
		String text;
		try (Reader reader = new AutoDetectReader(new ByteArrayInputStream(content))) {
			StringBuilder buffer = new StringBuilder();
			char[] chunk = new char[8192];
			boolean truncated = false;
			int read;
			while ((read = reader.read(chunk)) != -1) {
				if (buffer.length() + read > this.maxCharacters) {
					buffer.append(chunk, 0, (int) (this.maxCharacters - buffer.length()));
					truncated = true;
					break;
				}
				buffer.append(chunk, 0, read);
			}
			text = buffer.toString();
			Map<String, Object> metadata = new LinkedHashMap<>();
			if (truncated) {
				metadata.put("truncated", true);
			}
			if (type.equals(MARKDOWN)) {
				MarkdownBlocks.Result markdown = MarkdownBlocks.parse(text);
				String title = firstNonBlank(markdown.frontMatterTitle(), firstHeading(markdown.blocks(), true),
						firstHeading(markdown.blocks(), false), fileName);
				return new ExtractedDocument(title, type.toString(), markdown.blocks(), metadata);
			}
			List<Block> blocks = PlainTextBlocks.parse(text);
			String title = firstNonBlank(firstHeading(blocks, true), firstHeading(blocks, false), fileName);
			return new ExtractedDocument(title, type.toString(), blocks, metadata);
		}
		catch (TikaException ex) {
			throw new ExtractionException("could not be read as text: " + describe(ex), ex);
		}
		catch (IOException ex) {
			throw new ExtractionException("could not be read: " + describe(ex), ex);
		}
	}

	private ExtractedDocument extractWithTika(String fileName, byte[] content, MediaType type)
			throws ExtractionException {
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
		metadata.set(Metadata.CONTENT_TYPE, type.toString());
		XhtmlBlockHandler handler = new XhtmlBlockHandler(this.maxCharacters);
		boolean truncated = false;
		try (TikaInputStream stream = TikaInputStream.get(content, metadata)) {
			this.parser.parse(stream, handler, metadata, parseContext());
		}
		catch (EncryptedDocumentException ex) {
			throw new ExtractionException("encrypted (password protected)", ex);
		}
		catch (ZeroByteFileException ex) {
			throw new ExtractionException("empty file", ex);
		}
		catch (SAXException ex) {
			if (!limitReached(ex)) {
				throw new ExtractionException("could not be parsed as " + label(type) + ": " + describe(ex), ex);
			}
			truncated = true;
		}
		catch (TikaException ex) {
			if (limitReached(ex)) {
				truncated = true;
			}
			else if (causedByEncryption(ex)) {
				throw new ExtractionException("encrypted (password protected)", ex);
			}
			else {
				throw new ExtractionException("corrupt or unreadable " + label(type) + ": " + describe(ex), ex);
			}
		}
		catch (IOException ex) {
			throw new ExtractionException("could not be read: " + describe(ex), ex);
		}
		catch (RuntimeException ex) {
			throw new ExtractionException("corrupt or unreadable " + label(type) + ": " + describe(ex), ex);
		}
		List<Block> blocks = handler.blocks();
		Map<String, Object> facts = new LinkedHashMap<>();
		Optional.ofNullable(blankToNull(metadata.get(TikaCoreProperties.CREATOR)))
			.ifPresent((author) -> facts.put("author", author));
		Optional.ofNullable(metadata.getInt(PagedText.N_PAGES)).ifPresent((pages) -> facts.put("page_count", pages));
		if (truncated) {
			facts.put("truncated", true);
		}
		String title = firstNonBlank(blankToNull(metadata.get(TikaCoreProperties.TITLE)), firstHeading(blocks, true),
				firstHeading(blocks, false), fileName);
		return new ExtractedDocument(title, type.toString(), blocks, facts);
	}

	private ParseContext parseContext() {
		ParseContext context = new ParseContext();
		context.set(HtmlMapper.class, IdentityHtmlMapper.INSTANCE);
		context.set(EmbeddedDocumentExtractor.class, new SkipEmbedded());
		TesseractOCRConfig ocr = new TesseractOCRConfig();
		ocr.setSkipOcr(true);
		context.set(TesseractOCRConfig.class, ocr);
		PDFParserConfig pdf = new PDFParserConfig();
		pdf.setExtractInlineImages(false);
		pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
		context.set(PDFParserConfig.class, pdf);
		return context;
	}

	private static boolean limitReached(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CharacterLimitReachedException) {
				return true;
			}
		}
		return false;
	}

	private static boolean causedByEncryption(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof EncryptedDocumentException || cause.getClass().getSimpleName().contains("Encrypt")
					|| cause.getClass().getSimpleName().contains("Password")) {
				return true;
			}
		}
		return false;
	}

	private static String label(MediaType type) {
		if (type.equals(DOCX)) {
			return "DOCX";
		}
		if (type.getSubtype().equals("pdf")) {
			return "PDF";
		}
		if (type.equals(MediaType.TEXT_HTML) || type.equals(XHTML)) {
			return "HTML";
		}
		return type.toString();
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		message = message.replaceAll("\\s+", " ").strip();
		return (message.length() > 200) ? message.substring(0, 200) + "..." : message;
	}

	private static String firstHeading(List<Block> blocks, boolean levelOneOnly) {
		return blocks.stream()
			.filter((block) -> block.kind() == Block.Kind.HEADING && (!levelOneOnly || block.level() == 1))
			.map(Block::text)
			.findFirst()
			.orElse(null);
	}

	private static String firstNonBlank(String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isBlank()) {
				String title = candidate.strip().replaceAll("\\s+", " ");
				return (title.length() > 300) ? title.substring(0, 300) : title;
			}
		}
		return "";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** Leaves embedded documents (attachments, images) alone. */
	private static final class SkipEmbedded implements EmbeddedDocumentExtractor {

		@Override
		public boolean shouldParseEmbedded(Metadata metadata) {
			return false;
		}

		@Override
		public void parseEmbedded(java.io.InputStream stream, ContentHandler handler, Metadata metadata,
				boolean outputHtml) {
		}

	}

}
