package io.noterag.indexing.plugin.onenote.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * A OneNote page's HTML, parsed leniently (broken markup still gives its text), without
 * scripts, styles or embedded frames; {@code <img>} elements become their alt text and
 * attachments ({@code <object data-attachment>}) their file name, so that the text
 * extractor sees what a reader sees. Headings, paragraphs, lists and tables are kept as
 * they are.
 */
public final class PageHtml {

	private static final Pattern RESOURCE_ID = Pattern.compile("/resources/([^/?#]+)/\\$value");

	private static final String REMOVED = "script, style, noscript, iframe, frame, frameset, embed, applet, link, "
			+ "base, meta[http-equiv], form, input, button, select, textarea, template";

	private final Document document;

	private final List<PageImage> images;

	private PageHtml(Document document, List<PageImage> images) {
		this.document = document;
		this.images = images;
	}

	/**
	 * Parses and cleans a page.
	 * @param html the page's HTML as Graph returned it (its charset is detected, UTF-8 by
	 * default)
	 * @return the cleaned page
	 */
	public static PageHtml parse(byte[] html) {
		Document document;
		try {
			document = Jsoup.parse(new ByteArrayInputStream(html), null, "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		document.select(REMOVED).remove();
		List<PageImage> images = new ArrayList<>();
		for (Element img : document.select("img")) {
			String alt = img.attr("alt").trim();
			String src = img.attr("src").trim();
			String fullRes = img.attr("data-fullres-src").trim();
			if (!src.isEmpty() || !fullRes.isEmpty()) {
				images.add(new PageImage(resourceId(fullRes.isEmpty() ? src : fullRes, src), blankToNull(src),
						blankToNull(fullRes), blankToNull(img.attr("data-src-type").trim()),
						blankToNull(img.attr("data-fullres-src-type").trim()), blankToNull(alt)));
			}
			if (alt.isEmpty()) {
				img.remove();
			}
			else {
				img.replaceWith(new TextNode(" [Image: " + alt + "] "));
			}
		}
		for (Element attachment : document.select("object")) {
			String name = attachment.attr("data-attachment").trim();
			if (name.isEmpty()) {
				attachment.remove();
			}
			else {
				attachment.replaceWith(new TextNode(" [Attachment: " + name + "] "));
			}
		}
		document.outputSettings().prettyPrint(false);
		return new PageHtml(document, List.copyOf(images));
	}

	/**
	 * The page's {@code <title>}, if any.
	 * @return the title or an empty string
	 */
	public String title() {
		return this.document.title().trim();
	}

	/**
	 * The text a reader sees in the body.
	 * @return the text, possibly empty
	 */
	public String text() {
		Element body = this.document.body();
		return (body != null) ? body.text().trim() : "";
	}

	/**
	 * The images the page referred to, in page order.
	 * @return the images
	 */
	public List<PageImage> images() {
		return this.images;
	}

	/**
	 * The cleaned HTML, with the given title.
	 * @param title the page's title
	 * @return a complete HTML document
	 */
	public String html(String title) {
		if (title != null && !title.isBlank()) {
			this.document.title(title);
		}
		this.document.charset(StandardCharsets.UTF_8);
		return this.document.outerHtml();
	}

	private static String resourceId(String url, String fallback) {
		Matcher matcher = RESOURCE_ID.matcher(url);
		if (matcher.find()) {
			return matcher.group(1);
		}
		Matcher other = RESOURCE_ID.matcher(fallback);
		return other.find() ? other.group(1) : Integer.toHexString(url.hashCode());
	}

	private static String blankToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * An image on a page.
	 *
	 * @param resourceId its resource id ({@code .../resources/{id}/$value}), stable while
	 * the image is unchanged
	 * @param url the web-sized image ({@code src})
	 * @param fullResUrl the full-resolution image ({@code data-fullres-src}), if any
	 * @param mediaType {@code data-src-type}, if given
	 * @param fullResMediaType {@code data-fullres-src-type}, if given
	 * @param alt its alt text, if any
	 */
	public record PageImage(String resourceId, String url, String fullResUrl, String mediaType, String fullResMediaType,
			String alt) {

	}

}
