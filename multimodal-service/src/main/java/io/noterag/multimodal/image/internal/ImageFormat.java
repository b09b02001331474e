package io.noterag.multimodal.image.internal;

import java.util.Locale;
import java.util.Optional;

/** The image formats accepted, as ImageIO names them. */
public enum ImageFormat {

	PNG("png", "image/png", "png"), JPEG("jpeg", "image/jpeg", "jpg"), GIF("gif", "image/gif", "gif"),
	BMP("bmp", "image/bmp", "bmp"), WEBP("webp", "image/webp", "webp");

	private final String readerName;

	private final String contentType;

	private final String extension;

	ImageFormat(String readerName, String contentType, String extension) {
		this.readerName = readerName;
		this.contentType = contentType;
		this.extension = extension;
	}

	public String contentType() {
		return this.contentType;
	}

	public String extension() {
		return this.extension;
	}

	static Optional<ImageFormat> ofReaderFormat(String formatName) {
		String name = formatName.toLowerCase(Locale.ROOT);
		for (ImageFormat format : values()) {
			if (format.readerName.equals(name)) {
				return Optional.of(format);
			}
		}
		return Optional.empty();
	}

}
