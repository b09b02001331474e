package io.noterag.multimodal.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import io.noterag.shared.test.RealInfrastructureInitializer;
import io.noterag.shared.test.TestJwtDecoderConfiguration;
import io.noterag.shared.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
@Import(TestJwtDecoderConfiguration.class)
class ImageApiIT {

	private static final StubDocumentService documentService = new StubDocumentService();

	private static final Path objectRoot = temporaryDirectory();

	private static final String USER = "Bearer " + TestTokens.newUser("user");

	private static final String SERVICE = "Bearer " + TestTokens.service("document-service");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("noterag.services.document-url", documentService::url);
		registry.add("noterag.security.token-uri", () -> documentService.url() + "/oauth2/token");
		registry.add("noterag.object-store.filesystem.root", objectRoot::toString);
		registry.add("noterag.images.max-upload-size", () -> "1MB");
		registry.add("noterag.images.max-request-size", () -> "3MB");
	}

	@AfterAll
	static void stopStub() throws IOException {
		documentService.stop();
		FileSystemUtils.deleteRecursively(objectRoot);
	}

	@Test
	void shouldStoreAWidePngWithAThumbnailOf300By150() {
		UUID document = documentService.newDocument();
		byte[] png = TestImages.png(1200, 600);

		Response response = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "diagram.png", "image/png", png));

		assertThat(response.status()).isEqualTo(201);
		DocumentContext image = response.json();
		String id = image.read("$.image.id");
		assertThat(response.header("Location")).isEqualTo("/api/v2/images/" + id);
		assertThat(image.<String>read("$.image.document_id")).isEqualTo(document.toString());
		assertThat(image.<String>read("$.image.storage_path")).isEqualTo("images/" + id + "/original.png");
		assertThat(image.<String>read("$.image.thumbnail_path")).isEqualTo("images/" + id + "/thumbnail.png");
		assertThat(image.<Integer>read("$.image.dimensions.width")).isEqualTo(1200);
		assertThat(image.<Integer>read("$.image.dimensions.height")).isEqualTo(600);
		assertThat(image.<Integer>read("$.image.thumbnail_dimensions.width")).isEqualTo(300);
		assertThat(image.<Integer>read("$.image.thumbnail_dimensions.height")).isEqualTo(150);
		assertThat(image.<String>read("$.image.content_type")).isEqualTo("image/png");
		assertThat(image.<Integer>read("$.image.size_bytes")).isEqualTo(png.length);
		assertThat(image.<Map<String, Object>>read("$.image")).containsEntry("ocr_text", null)
			.containsEntry("caption", null)
			.containsKey("created_at");

		Response thumbnail = get("/api/v2/images/" + id + "/thumbnail", USER);
		assertThat(thumbnail.status()).isEqualTo(200);
		assertThat(thumbnail.header("Content-Type")).isEqualTo("image/png");
		assertThat(TestImages.read(thumbnail.body()).getWidth()).isEqualTo(300);
		assertThat(TestImages.read(thumbnail.body()).getHeight()).isEqualTo(150);

		Response content = get("/api/v2/images/" + id + "/content", USER);
		assertThat(content.status()).isEqualTo(200);
		assertThat(content.header("Content-Type")).isEqualTo("image/png");
		assertThat(content.body()).isEqualTo(png);

		Response read = get("/api/v2/images/" + id, USER);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().<Map<String, Object>>read("$.image")).isEqualTo(image.read("$.image"));

		assertThat(objectRoot.resolve("images/" + id + "/original.png")).hasBinaryContent(png);
		assertThat(objectRoot.resolve("images/" + id + "/thumbnail.png")).isRegularFile();
	}

	@Test
	void shouldKeepTheAspectOfATallJpeg() {
		UUID document = documentService.newDocument();
		byte[] jpeg = TestImages.jpeg(500, 2000);

		Response response = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "scan.jpeg", "image/jpeg", jpeg));

		assertThat(response.status()).isEqualTo(201);
		String id = response.json().read("$.image.id");
		assertThat(response.json().<String>read("$.image.storage_path")).endsWith("/original.jpg");
		assertThat(response.json().<String>read("$.image.content_type")).isEqualTo("image/jpeg");
		assertThat(response.json().<Integer>read("$.image.thumbnail_dimensions.width")).isEqualTo(75);
		assertThat(response.json().<Integer>read("$.image.thumbnail_dimensions.height")).isEqualTo(300);
		Response thumbnail = get("/api/v2/images/" + id + "/thumbnail", USER);
		assertThat(TestImages.read(thumbnail.body()).getWidth()).isEqualTo(75);
		assertThat(TestImages.read(thumbnail.body()).getHeight()).isEqualTo(300);
		assertThat(get("/api/v2/images/" + id + "/content", USER).header("Content-Type")).isEqualTo("image/jpeg");
	}

	@Test
	void shouldNotEnlargeATinyImage() {
		UUID document = documentService.newDocument();

		Response response = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "icon.gif", "image/gif", TestImages.gif(40, 30)));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().<Integer>read("$.image.thumbnail_dimensions.width")).isEqualTo(40);
		assertThat(response.json().<Integer>read("$.image.thumbnail_dimensions.height")).isEqualTo(30);
		String id = response.json().read("$.image.id");
		assertThat(TestImages.read(get("/api/v2/images/" + id + "/thumbnail", USER).body()).getWidth()).isEqualTo(40);
	}

	@Test
	void shouldRecogniseTheFormatByContentWhateverTheFileIsCalled() {
		UUID document = documentService.newDocument();

		Response response = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "photo.png", "image/png", TestImages.webp()));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().<String>read("$.image.content_type")).isEqualTo("image/webp");
		assertThat(response.json().<String>read("$.image.storage_path")).endsWith("/original.webp");
		assertThat(response.json().<Integer>read("$.image.dimensions.width")).isEqualTo(400);
		assertThat(response.json().<Integer>read("$.image.thumbnail_dimensions.height")).isEqualTo(150);
	}

	@Test
	void shouldRefuseCorruptBytesNamedPngAndStoreNothing() {
		UUID document = documentService.newDocument();
		List<Path> before = storedFiles();

		Response text = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "holiday.png", "image/png", "not an image at all".getBytes(StandardCharsets.UTF_8)));
		byte[] png = TestImages.png(600, 600);
		Response truncated = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "cut.png", "image/png", Arrays.copyOf(png, png.length / 3)));

		assertProblem(text, 400, "not a PNG, JPEG, GIF, BMP or WebP image");
		assertProblem(truncated, 400, "corrupt");
		assertThat(storedFiles()).isEqualTo(before);
		assertThat(imagesOf(document)).isZero();
	}

	@Test
	void shouldRefuseAnUploadWithoutAFile() {
		UUID document = documentService.newDocument();

		assertProblem(upload(USER, new Multipart().field("document_id", document.toString())), 400, "file");
		assertProblem(upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "empty.png", "image/png", new byte[0])), 400, "empty");
	}

	@Test
	void shouldRefuseAMissingOrMalformedDocumentId() {
		byte[] png = TestImages.png(10, 10);

		assertProblem(upload(USER, new Multipart().file("file", "a.png", "image/png", png)), 400, "document_id");
		assertProblem(upload(USER,
				new Multipart().field("document_id", "../../etc/passwd").file("file", "a.png", "image/png", png)), 400,
				"not a UUID");
	}

	@Test
	void shouldAnswer404ForADocumentThatDoesNotExistAndStoreNothing() {
		List<Path> before = storedFiles();
		UUID unknown = UUID.randomUUID();

		Response response = upload(USER, new Multipart().field("document_id", unknown.toString())
			.file("file", "a.png", "image/png", TestImages.png(50, 50)));

		assertProblem(response, 404, "Document not found");
		assertThat(storedFiles()).isEqualTo(before);
	}

	@Test
	void shouldAskDocumentServiceWithAServiceToken() {
		UUID document = documentService.newDocument();
		int before = documentService.authorizations().size();

		upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "a.png", "image/png", TestImages.png(20, 20)));

		assertThat(documentService.authorizations().subList(before, documentService.authorizations().size()))
			.containsOnly("Bearer " + documentService.serviceToken());
	}

	@Test
	void shouldAnswer503WhenDocumentServiceFails() {
		UUID document = documentService.failingDocument();

		Response response = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "a.png", "image/png", TestImages.png(50, 50)));

		assertProblem(response, 503, "document-service");
	}

	@Test
	void shouldAnswer413ProblemForAFileOverTheLimit() {
		UUID document = documentService.newDocument();
		byte[] large = new byte[1536 * 1024];
		byte[] png = TestImages.png(10, 10);
		System.arraycopy(png, 0, large, 0, png.length);

		Response response = upload(USER,
				new Multipart().field("document_id", document.toString()).file("file", "huge.png", "image/png", large));

		assertProblem(response, 413, "Maximum upload size exceeded");
		assertThat(imagesOf(document)).isZero();
	}

	@Test
	void shouldAnswer401WithoutATokenAnd403ForAViewer() {
		UUID document = documentService.newDocument();
		Multipart body = new Multipart().field("document_id", document.toString())
			.file("file", "a.png", "image/png", TestImages.png(20, 20));

		Response anonymous = upload(null, body);
		Response viewer = upload("Bearer " + TestTokens.newUser("viewer"), body);

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
		assertThat(viewer.status()).isEqualTo(403);
		assertThat(viewer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(imagesOf(document)).isZero();
		assertThat(get("/api/v2/images/" + UUID.randomUUID(), null).status()).isEqualTo(401);
	}

	@Test
	void shouldAnswer404ForAnUnknownImageAnd400ForAMalformedId() {
		assertProblem(get("/api/v2/images/" + UUID.randomUUID(), USER), 404, "Image not found");
		assertProblem(get("/api/v2/images/" + UUID.randomUUID() + "/content", USER), 404, "Image not found");
		assertProblem(get("/api/v2/images/not-an-id/thumbnail", USER), 400, "");
	}

	@Test
	void shouldAnswerNotModifiedWhenTheClientHasTheBytes() throws Exception {
		UUID document = documentService.newDocument();
		String id = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "a.png", "image/png", TestImages.png(20, 20))).json().read("$.image.id");
		Response first = get("/api/v2/images/" + id + "/content", USER);

		HttpResponse<byte[]> again = this.http.send(HttpRequest.newBuilder(uri("/api/v2/images/" + id + "/content"))
			.header("Authorization", USER)
			.header("If-None-Match", first.header("ETag"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(again.statusCode()).isEqualTo(304);
	}

	@Test
	void shouldListAndDeleteTheImagesOfADocumentForDocumentService() {
		UUID document = documentService.newDocument();
		UUID other = documentService.newDocument();
		String first = uploadPng(document, 100, 50);
		String second = uploadPng(document, 60, 60);
		String kept = uploadPng(other, 30, 30);

		Response list = get("/internal/images?document_id=" + document, SERVICE);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().<List<String>>read("$[*].id")).containsExactly(first, second);
		assertThat(list.json().<Integer>read("$[0].dimensions.width")).isEqualTo(100);

		Response deleted = send(HttpRequest.newBuilder(uri("/internal/images?document_id=" + document))
			.header("Authorization", SERVICE)
			.DELETE());

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(get("/internal/images?document_id=" + document, SERVICE).json().<List<String>>read("$[*].id"))
			.isEmpty();
		assertThat(get("/api/v2/images/" + first + "/content", USER).status()).isEqualTo(404);
		assertThat(objectRoot.resolve("images/" + first)).doesNotExist();
		assertThat(objectRoot.resolve("images/" + second)).doesNotExist();
		assertThat(get("/api/v2/images/" + kept + "/content", USER).status()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/internal/images?document_id=" + document))
			.header("Authorization", SERVICE)
			.DELETE()).status()).isEqualTo(204);
	}

	@Test
	void shouldReplaceTheImagesOfADocumentWithThoseOfItsItemIdempotently() {
		UUID document = UUID.randomUUID();
		byte[] diagram = TestImages.png(120, 60);
		byte[] photo = TestImages.jpeg(80, 80);
		String both = images(Map.of("img-1", diagram, "img-2", photo));

		Response first = replace(document, both);
		Response again = replace(document, both);

		assertThat(first.status()).as(first.text()).isEqualTo(200);
		List<String> ids = first.json().read("$.images[*].id");
		assertThat(ids).hasSize(2)
			.containsExactlyInAnyOrder(ImageService.itemImageId(document, "img-1").toString(),
					ImageService.itemImageId(document, "img-2").toString());
		assertThat(again.json().<List<String>>read("$.images[*].id")).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(imagesOf(document)).isEqualTo(2);
		String diagramId = ImageService.itemImageId(document, "img-1").toString();
		assertThat(get("/api/v2/images/" + diagramId + "/content", USER).body()).isEqualTo(diagram);

		byte[] redrawn = TestImages.png(200, 100);
		Response changed = replace(document, images(Map.of("img-1", redrawn, "broken", new byte[] { 1, 2, 3 })));

		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().<List<String>>read("$.images[*].id")).containsExactly(diagramId);
		assertThat(changed.json().<List<String>>read("$.skipped[*].image_id")).containsExactly("broken");
		assertThat(imagesOf(document)).isEqualTo(1);
		assertThat(get("/api/v2/images/" + diagramId + "/content", USER).body()).isEqualTo(redrawn);
		assertThat(objectRoot.resolve("images/" + ImageService.itemImageId(document, "img-2"))).doesNotExist();

		assertThat(replace(document, "{\"images\": []}").status()).isEqualTo(200);
		assertThat(imagesOf(document)).isZero();
		assertThat(send(HttpRequest.newBuilder(uri("/internal/images?document_id=" + document))
			.header("Authorization", USER)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(both))).status()).isEqualTo(403);
	}

	@Test
	void shouldRemoveTheImagesOfADeletedDataSourceAndKeepThoseOfOthersAndOfUsers() {
		UUID deletedSource = UUID.randomUUID();
		UUID otherSource = UUID.randomUUID();
		UUID page = UUID.randomUUID();
		UUID slides = UUID.randomUUID();
		UUID otherPage = UUID.randomUUID();
		UUID olderPage = UUID.randomUUID();
		assertThat(replace(page, deletedSource,
				images(Map.of("img-1", TestImages.png(120, 60), "img-2", TestImages.jpeg(80, 80))))
			.status()).isEqualTo(200);
		assertThat(replace(slides, deletedSource, images(Map.of("img-1", TestImages.gif(50, 40)))).status())
			.isEqualTo(200);
		assertThat(replace(otherPage, otherSource, images(Map.of("img-1", TestImages.png(90, 30)))).status())
			.isEqualTo(200);
		// stored before images recorded their data source
		assertThat(replace(olderPage, images(Map.of("img-1", TestImages.png(70, 70)))).status()).isEqualTo(200);
		UUID uploadedTo = documentService.newDocument();
		String uploaded = uploadPng(uploadedTo, 60, 40);
		List<UUID> doomed = List.of(ImageService.itemImageId(page, "img-1"), ImageService.itemImageId(page, "img-2"),
				ImageService.itemImageId(slides, "img-1"));
		assertThat(dataSourceOf(doomed.get(0))).isEqualTo(deletedSource);
		assertThat(dataSourceOf(UUID.fromString(uploaded))).isNull();
		assertThat(dataSourceOf(ImageService.itemImageId(olderPage, "img-1"))).isNull();
		doomed.forEach((id) -> assertThat(objectRoot.resolve("images/" + id)).isDirectory());

		assertThat(deleteImagesOfSource(deletedSource, USER).status()).isEqualTo(403);
		assertThat(imagesOfSource(deletedSource)).isEqualTo(3);

		Response deleted = deleteImagesOfSource(deletedSource, SERVICE);

		assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
		assertThat(imagesOfSource(deletedSource)).isZero();
		assertThat(imagesOf(page) + imagesOf(slides)).isZero();
		for (UUID id : doomed) {
			assertThat(objectRoot.resolve("images/" + id)).doesNotExist();
			assertThat(get("/api/v2/images/" + id, USER).status()).isEqualTo(404);
		}
		String kept = ImageService.itemImageId(otherPage, "img-1").toString();
		String older = ImageService.itemImageId(olderPage, "img-1").toString();
		for (String id : List.of(kept, older, uploaded)) {
			assertThat(get("/api/v2/images/" + id + "/content", USER).status()).isEqualTo(200);
			assertThat(get("/api/v2/images/" + id + "/thumbnail", USER).status()).isEqualTo(200);
		}
		assertThat(imagesOfSource(otherSource)).isEqualTo(1);
		assertThat(deleteImagesOfSource(deletedSource, SERVICE).status()).isEqualTo(204);
		assertThat(deleteImagesOfSource(UUID.randomUUID(), SERVICE).status()).isEqualTo(204);
	}

	@Test
	void shouldRecordTheDataSourceOnImagesKeptUnchangedAndKeepItWhenNoneIsGiven() {
		UUID source = UUID.randomUUID();
		UUID document = UUID.randomUUID();
		String json = images(Map.of("img-1", TestImages.png(40, 40)));
		UUID id = ImageService.itemImageId(document, "img-1");
		replace(document, json);
		assertThat(dataSourceOf(id)).isNull();

		assertThat(replace(document, source, json).status()).isEqualTo(200);
		assertThat(dataSourceOf(id)).isEqualTo(source);

		assertThat(replace(document, json).status()).isEqualTo(200);
		assertThat(dataSourceOf(id)).isEqualTo(source);
	}

	@Test
	void shouldRefuseToDeleteImagesWithoutSayingWhoseExactly() {
		String document = UUID.randomUUID().toString();
		String source = UUID.randomUUID().toString();

		assertProblem(send(HttpRequest.newBuilder(uri("/internal/images")).header("Authorization", SERVICE).DELETE()),
				400, "exactly one");
		assertProblem(send(
				HttpRequest.newBuilder(uri("/internal/images?document_id=" + document + "&data_source_id=" + source))
					.header("Authorization", SERVICE)
					.DELETE()),
				400, "exactly one");
		assertProblem(send(HttpRequest.newBuilder(uri("/internal/images?data_source_id=nope"))
			.header("Authorization", SERVICE)
			.DELETE()), 400, "");
		assertProblem(
				send(HttpRequest.newBuilder(uri("/internal/images?document_id=" + document + "&data_source_id=nope"))
					.header("Authorization", SERVICE)
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"images\": []}"))),
				400, "");
	}

	private Response deleteImagesOfSource(UUID source, String authorization) {
		return send(HttpRequest.newBuilder(uri("/internal/images?data_source_id=" + source))
			.header("Authorization", authorization)
			.DELETE());
	}

	private long imagesOfSource(UUID source) {
		return this.jdbc.sql("select count(*) from images where data_source_id = ?")
			.param(source)
			.query(Long.class)
			.single();
	}

	private UUID dataSourceOf(UUID image) {
		List<UUID> rows = this.jdbc.sql("select data_source_id from images where id = ?")
			.param(image)
			.query(UUID.class)
			.list();
		assertThat(rows).as("rows of image %s", image).hasSize(1);
		return rows.get(0);
	}

	private Response replace(UUID document, UUID source, String json) {
		return send(
				HttpRequest.newBuilder(uri("/internal/images?document_id=" + document + "&data_source_id=" + source))
					.header("Authorization", SERVICE)
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private Response replace(UUID document, String json) {
		return send(HttpRequest.newBuilder(uri("/internal/images?document_id=" + document))
			.header("Authorization", SERVICE)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private static String images(Map<String, byte[]> images) {
		StringBuilder json = new StringBuilder("{\"images\": [");
		new java.util.TreeMap<>(images).forEach((id, bytes) -> json.append(json.length() > 12 ? "," : "")
			.append("{\"image_id\":\"")
			.append(id)
			.append("\",\"media_type\":\"image/png\",\"alt_text\":\"a picture\",\"content\":\"")
			.append(java.util.Base64.getEncoder().encodeToString(bytes))
			.append("\"}"));
		return json.append("]}").toString();
	}

	@Test
	void shouldKeepTheInternalApiForServices() {
		assertThat(get("/internal/images?document_id=" + UUID.randomUUID(), USER).status()).isEqualTo(403);
		assertProblem(get("/internal/images?document_id=nope", SERVICE), 400, "");
		assertProblem(get("/internal/images", SERVICE), 400, "document_id");
	}

	@Test
	void shouldRemoveTheStoredObjectsWhenTheRowCannotBeWritten() {
		UUID document = documentService.newDocument();
		List<Path> before = storedFiles();
		this.jdbc.sql("ALTER TABLE images ADD CONSTRAINT refuse_everything CHECK (false) NOT VALID").update();
		Response response;
		try {
			response = upload(USER, new Multipart().field("document_id", document.toString())
				.file("file", "a.png", "image/png", TestImages.png(400, 400)));
		}
		finally {
			this.jdbc.sql("ALTER TABLE images DROP CONSTRAINT refuse_everything").update();
		}

		assertThat(response.status()).isEqualTo(500);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(storedFiles()).isEqualTo(before);
		assertThat(imagesOf(document)).isZero();
	}

	@Test
	void shouldExposeHealthWithoutAToken() {
		assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(new String(get("/actuator/prometheus", null).body(), StandardCharsets.UTF_8))
			.contains("application=\"multimodal-service\"");
	}

	private String uploadPng(UUID document, int width, int height) {
		Response response = upload(USER, new Multipart().field("document_id", document.toString())
			.file("file", "p.png", "image/png", TestImages.png(width, height)));
		assertThat(response.status()).isEqualTo(201);
		return response.json().read("$.image.id");
	}

	private long imagesOf(UUID document) {
		return this.jdbc.sql("select count(*) from images where document_id = ?")
			.param(document)
			.query(Long.class)
			.single();
	}

	private static void assertProblem(Response response, int status, String detail) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().<String>read("$.detail")).contains(detail);
		assertThat(response.json().<String>read("$.request_id")).isNotBlank();
	}

	private Response upload(String authorization, Multipart body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v2/images/upload"))
			.header("Content-Type", body.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	private Response get(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static List<Path> storedFiles() {
		try (Stream<Path> files = Files.walk(objectRoot)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("noterag-objects-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Response(int status, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		DocumentContext json() {
			return JsonPath.parse(text());
		}

	}

}
