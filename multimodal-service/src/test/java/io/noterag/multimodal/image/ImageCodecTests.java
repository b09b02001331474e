package io.noterag.multimodal.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.noterag.multimodal.image.internal.ImageCodec;
import io.noterag.multimodal.image.internal.ImageCodec.Decoded;
import io.noterag.multimodal.image.internal.ImageCodec.UnreadableImageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageCodecTests {

	private final ImageCodec codec = new ImageCodec(50_000_000, 300);

	@Test
	void shouldFitAWideImageIntoTheSquareKeepingItsAspect() {
		Decoded decoded = this.codec.decode(TestImages.png(1200, 600));

		assertThat(decoded.dimensions()).isEqualTo(new Dimensions(1200, 600));
		assertThat(decoded.thumbnailDimensions()).isEqualTo(new Dimensions(300, 150));
		BufferedImage thumbnail = TestImages.read(decoded.thumbnailPng());
		assertThat(thumbnail.getWidth()).isEqualTo(300);
		assertThat(thumbnail.getHeight()).isEqualTo(150);
	}

	@Test
	void shouldFitATallImageIntoTheSquareKeepingItsAspect() {
		Decoded decoded = this.codec.decode(TestImages.jpeg(500, 2000));

		assertThat(decoded.thumbnailDimensions()).isEqualTo(new Dimensions(75, 300));
		BufferedImage thumbnail = TestImages.read(decoded.thumbnailPng());
		assertThat(new Dimensions(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(new Dimensions(75, 300));
	}

	@Test
	void shouldNeverEnlargeASmallImage() {
		Decoded decoded = this.codec.decode(TestImages.gif(40, 30));

		assertThat(decoded.thumbnailDimensions()).isEqualTo(new Dimensions(40, 30));
		assertThat(TestImages.read(decoded.thumbnailPng()).getWidth()).isEqualTo(40);
	}

	@Test
	void shouldKeepAtLeastOnePixelOfAVeryThinImage() {
		assertThat(ImageCodec.fit(new Dimensions(3000, 2), 300)).isEqualTo(new Dimensions(300, 1));
		assertThat(ImageCodec.fit(new Dimensions(1, 5000), 300)).isEqualTo(new Dimensions(1, 300));
		assertThat(ImageCodec.fit(new Dimensions(300, 300), 300)).isEqualTo(new Dimensions(300, 300));
	}

	@Test
	void shouldShowTheImageInTheThumbnailNotABlank() {
		Decoded decoded = this.codec.decode(TestImages.png(1200, 600));
		BufferedImage thumbnail = TestImages.read(decoded.thumbnailPng());

		// the test picture has a white rectangle in its middle on a blue-to-orange
		// gradient
		assertThat(thumbnail.getRGB(150, 75) & 0xFFFFFF).isEqualTo(0xFFFFFF);
		assertThat(thumbnail.getRGB(5, 5) & 0xFFFFFF).isNotEqualTo(0xFFFFFF);
	}

	@Test
	void shouldKeepTransparencyInTheThumbnail() {
		Decoded decoded = this.codec.decode(TestImages.transparentPng(800, 800));
		BufferedImage thumbnail = TestImages.read(decoded.thumbnailPng());

		assertThat(thumbnail.getColorModel().hasAlpha()).isTrue();
		assertThat(thumbnail.getRGB(0, 0) >>> 24).isZero();
	}

	static Stream<Arguments> acceptedFormats() {
		return Stream.of(Arguments.of("png", (Supplier<byte[]>) () -> TestImages.png(64, 32), "image/png", "png"),
				Arguments.of("jpeg", (Supplier<byte[]>) () -> TestImages.jpeg(64, 32), "image/jpeg", "jpg"),
				Arguments.of("gif", (Supplier<byte[]>) () -> TestImages.gif(64, 32), "image/gif", "gif"),
				Arguments.of("bmp", (Supplier<byte[]>) () -> TestImages.bmp(64, 32), "image/bmp", "bmp"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedFormats")
	void shouldRecogniseTheFormatFromTheBytes(String name, Supplier<byte[]> image, String contentType,
			String extension) {
		Decoded decoded = this.codec.decode(image.get());

		assertThat(decoded.format().contentType()).isEqualTo(contentType);
		assertThat(decoded.format().extension()).isEqualTo(extension);
		assertThat(decoded.dimensions()).isEqualTo(new Dimensions(64, 32));
	}

	@Test
	void shouldReadWebP() {
		Decoded decoded = this.codec.decode(TestImages.webp());

		assertThat(decoded.format().contentType()).isEqualTo("image/webp");
		assertThat(decoded.dimensions()).isEqualTo(new Dimensions(400, 200));
		assertThat(TestImages.read(decoded.thumbnailPng()).getWidth()).isEqualTo(300);
	}

	@Test
	void shouldRefuseBytesThatAreNoImage() {
		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> this.codec.decode("this is a text file called photo.png".getBytes()))
			.withMessageContaining("not a PNG, JPEG, GIF, BMP or WebP");
	}

	@Test
	void shouldRefuseATruncatedImage() {
		byte[] png = TestImages.png(1200, 600);

		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> this.codec.decode(Arrays.copyOf(png, png.length / 2)))
			.withMessageContaining("corrupt");
	}

	@Test
	void shouldRefuseAPngHeaderFollowedByGarbage() {
		byte[] png = TestImages.png(100, 100);
		for (int i = 40; i < png.length; i++) {
			png[i] = (byte) (i * 31);
		}

		assertThatExceptionOfType(UnreadableImageException.class).isThrownBy(() -> this.codec.decode(png));
	}

	@Test
	void shouldRefuseAnImageFormatThatIsNotAccepted() {
		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> this.codec.decode(TestImages.tiff(20, 20)));
	}

	@Test
	void shouldRefuseAnImageWithMorePixelsThanAllowed() {
		ImageCodec strict = new ImageCodec(10_000, 300);

		assertThatExceptionOfType(UnreadableImageException.class)
			.isThrownBy(() -> strict.decode(TestImages.png(200, 100)))
			.withMessageContaining("20000 pixels");
	}

}
