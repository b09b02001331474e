package io.noterag.indexing.catalog;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MultimodalServiceClientTests {

	private final LocalMultimodalService multimodal = LocalMultimodalService.start();

	private final MultimodalServiceClient client = new MultimodalServiceClient(
			RestClient.create(this.multimodal.url()));

	@AfterEach
	void stop() {
		this.multimodal.close();
	}

	@Test
	void shouldRecordTheDataSourceWhenStoringTheImagesOfADocument() {
		String document = UUID.randomUUID().toString();
		UUID source = UUID.randomUUID();

		this.client.replaceImages(document, source, List.of());

		assertThat(this.multimodal.requests())
			.containsExactly("PUT /internal/images?document_id=" + document + "&data_source_id=" + source);
	}

	@Test
	void shouldAskToRemoveTheImagesOfADataSource() {
		UUID source = UUID.randomUUID();

		this.client.deleteImagesOfDataSource(source);

		assertThat(this.multimodal.requests()).containsExactly("DELETE /internal/images?data_source_id=" + source);
	}

	@Test
	void shouldReportAFailureToRemoveTheImagesOfADataSourceAsTransient() {
		UUID source = UUID.randomUUID();
		this.multimodal.failing(true);

		assertThatExceptionOfType(DocumentServiceException.class)
			.isThrownBy(() -> this.client.deleteImagesOfDataSource(source))
			.withMessageContaining("503")
			.withMessageContaining(source.toString())
			.isNotInstanceOf(DocumentServiceException.Rejected.class);
	}

}
