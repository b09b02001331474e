package io.noterag.indexing.source;

import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.noterag.shared.source.AllowedRoots;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FileSystemSourceProperties.class)
class FileSystemSourceConfiguration {

	@Bean
	FileSystemSource fileSystemSource(FileSystemSourceProperties properties) {
		return new FileSystemSource(new AllowedRoots(properties.allowedRoots()), properties.maxFileSize().toBytes(),
				Set.copyOf(properties.allowedTypes()));
	}

	@Bean
	FileSystemDataSource fileSystemDataSource(FileSystemSource files) {
		return new FileSystemDataSource(files);
	}

}
