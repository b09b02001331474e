package io.noterag.multimodal.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Real images made for the tests, in the formats the service accepts. */
final class TestImages {

	private TestImages() {
	}

	static byte[] png(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "png");
	}

	static byte[] transparentPng(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(200, 30, 30, 128));
		graphics.fillOval(0, 0, width, height);
		graphics.dispose();
		return write(image, "png");
	}

	static byte[] jpeg(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
	}

	static byte[] gif(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
	}

	static byte[] bmp(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "bmp");
	}

	static byte[] tiff(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "tiff");
	}

	/** A lossy WebP of 400x200, made with the reference encoder (cwebp). */
	static byte[] webp() {
		try (InputStream in = TestImages.class.getResourceAsStream("/images/gradient-400x200.webp")) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static BufferedImage read(byte[] data) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
			if (image == null) {
				throw new IllegalArgumentException("not an image");
			}
			return image;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static BufferedImage picture(int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.ORANGE));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.WHITE);
		graphics.fillRect(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
		graphics.dispose();
		return image;
	}

	private static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
