package io.noterag.indexing.catalog;

import java.net.http.HttpClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentServiceProperties.class)
class CatalogConfiguration {

	@Bean
	DocumentServiceClient documentServiceClient(RestClient.Builder builder, DocumentServiceProperties properties) {
		return new DocumentServiceClient(
				builder.clone().baseUrl(properties.documentUrl()).requestFactory(requestFactory(properties)).build(),
				properties.sourceCacheTtl());
	}

	@Bean
	MultimodalServiceClient multimodalServiceClient(RestClient.Builder builder, DocumentServiceProperties properties) {
		return new MultimodalServiceClient(
				builder.clone().baseUrl(properties.multimodalUrl()).requestFactory(requestFactory(properties)).build());
	}

	private static JdkClientHttpRequestFactory requestFactory(DocumentServiceProperties properties) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.readTimeout());
		return requestFactory;
	}

}
