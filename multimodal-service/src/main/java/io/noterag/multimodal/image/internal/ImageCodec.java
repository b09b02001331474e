package io.noterag.multimodal.image.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.noterag.multimodal.image.Dimensions;

/**
 * Recognises an image by its bytes (never by its name), decodes it and draws its
 * thumbnail. Large images are decoded subsampled to a little more than the thumbnail
 * needs, so memory stays small whatever the upload.
 */
public class ImageCodec {

	private final long maxPixels;

	private final int thumbnailSize;

	public ImageCodec(long maxPixels, int thumbnailSize) {
		this.maxPixels = maxPixels;
		this.thumbnailSize = thumbnailSize;
		// plug-ins on the class path (WebP) and no temporary files for streams
		ImageIO.scanForPlugins();
		ImageIO.setUseCache(false);
	}

	/**
	 * Decodes an image and makes its thumbnail.
	 * @param data the file's bytes
	 * @return the format, the size and the thumbnail
	 * @throws UnreadableImageException when the bytes are not an image of an accepted
	 * format, are corrupt, or the image is too large
	 */
	public Decoded decode(byte[] data) {
		ImageFormat format;
		Dimensions original;
		Dimensions thumbnail;
		BufferedImage image;
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
			if (input == null) {
				throw new UnreadableImageException("The file is not an image.");
			}
			ImageReader reader = acceptedReader(input).orElseThrow(
					() -> new UnreadableImageException("The file is not a PNG, JPEG, GIF, BMP or WebP image."));
			try {
				format = ImageFormat.ofReaderFormat(reader.getFormatName()).orElseThrow();
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new UnreadableImageException("The image has no pixels.");
				}
				if ((long) width * height > this.maxPixels) {
					throw new UnreadableImageException("The image has " + ((long) width * height) + " pixels; at most "
							+ this.maxPixels + " are accepted.");
				}
				original = new Dimensions(width, height);
				thumbnail = fit(original, this.thumbnailSize);
				ImageReadParam param = reader.getDefaultReadParam();
				int step = subsampling(original, thumbnail);
				if (step > 1) {
					param.setSourceSubsampling(step, step, 0, 0);
				}
				image = reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
		catch (UnreadableImageException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// ImageIO reports corrupt data with all kinds of exceptions
			throw new UnreadableImageException("The image is corrupt or truncated and cannot be decoded.");
		}
		return new Decoded(format, original, thumbnail, png(scale(image, thumbnail)));
	}

	/**
	 * The size that fits in a square of {@code size} pixels, aspect kept, never larger
	 * than the original.
	 * @param original the original size
	 * @param size the side of the square
	 * @return the thumbnail's size, at least one pixel each way
	 */
	public static Dimensions fit(Dimensions original, int size) {
		double scale = Math.min(1.0, Math.min((double) size / original.width(), (double) size / original.height()));
		int width = (int) Math.max(1, Math.min(size, Math.round(original.width() * scale)));
		int height = (int) Math.max(1, Math.min(size, Math.round(original.height() * scale)));
		return new Dimensions(width, height);
	}

	private static Optional<ImageReader> acceptedReader(ImageInputStream input) {
		Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
		while (readers.hasNext()) {
			ImageReader reader = readers.next();
			try {
				if (ImageFormat.ofReaderFormat(reader.getFormatName()).isPresent()) {
					return Optional.of(reader);
				}
			}
			catch (IOException ex) {
				// a reader that cannot even name its format is not one of ours
			}
			reader.dispose();
		}
		return Optional.empty();
	}

	/**
	 * Keeps at least twice the thumbnail's pixels each way, for a smooth final scaling.
	 */
	private static int subsampling(Dimensions original, Dimensions thumbnail) {
		int byWidth = original.width() / (2 * thumbnail.width());
		int byHeight = original.height() / (2 * thumbnail.height());
		return Math.max(1, Math.min(byWidth, byHeight));
	}

	/** Halves the image with bilinear steps, then draws the final size with bicubic. */
	private static BufferedImage scale(BufferedImage source, Dimensions target) {
		boolean alpha = source.getColorModel().getTransparency() != Transparency.OPAQUE;
		int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
		BufferedImage current = source;
		int width = source.getWidth();
		int height = source.getHeight();
		while (width / 2 >= target.width() && height / 2 >= target.height()) {
			width /= 2;
			height /= 2;
			current = draw(current, width, height, type, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		}
		if (width != target.width() || height != target.height() || current.getType() != type) {
			current = draw(current, target.width(), target.height(), type, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
		}
		return current;
	}

	private static BufferedImage draw(BufferedImage source, int width, int height, int type, Object interpolation) {
		BufferedImage target = new BufferedImage(width, height, type);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	private static byte[] png(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, "png", out)) {
				throw new IllegalStateException("No PNG writer available");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A decoded image.
	 *
	 * @param format its format, recognised from its bytes
	 * @param dimensions its size
	 * @param thumbnailDimensions the thumbnail's size
	 * @param thumbnailPng the thumbnail as PNG
	 */
	public record Decoded(ImageFormat format, Dimensions dimensions, Dimensions thumbnailDimensions,
			byte[] thumbnailPng) {

	}

	/** The upload is not an image this service accepts. */
	public static class UnreadableImageException extends RuntimeException {

		UnreadableImageException(String message) {
			super(message);
		}

	}

}
