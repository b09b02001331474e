package io.noterag.multimodal.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A multipart/form-data body built by hand, so a test can leave out or break any part.
 */
final class Multipart {

	private final String boundary = "----noterag-" + UUID.randomUUID();

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	Multipart field(String name, String value) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
				+ "\r\n");
		return this;
	}

	Multipart file(String name, String filename, String contentType, byte[] data) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
		this.body.writeBytes(data);
		write("\r\n");
		return this;
	}

	String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	byte[] bytes() {
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		copy.writeBytes(this.body.toByteArray());
		copy.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return copy.toByteArray();
	}

	private void write(String text) {
		this.body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
