package io.noterag.indexing.chunking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChunkingProperties.class)
class ChunkingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ChunkingConfiguration.class);

	@Bean
	TokenCounter tokenCounter() {
		try {
			return WordPieceTokenCounter.fromClasspath(WordPieceTokenCounter.BGE_SMALL_TOKENIZER);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("The bge WordPiece tokenizer could not be loaded ({}); chunk sizes use an approximate count",
					ex.toString());
			return new ApproximateTokenCounter();
		}
	}

	@Bean
	Chunker chunker(TokenCounter tokenCounter, ChunkingProperties properties) {
		logger.info("Chunking with {}: target {} tokens, overlap {}, max {}", tokenCounter.description(),
				properties.targetTokens(), properties.overlapTokens(), properties.maxTokens());
		return new Chunker(tokenCounter, properties);
	}

}
