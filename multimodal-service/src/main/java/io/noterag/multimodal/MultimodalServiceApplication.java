package io.noterag.multimodal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MultimodalServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MultimodalServiceApplication.class, args);
	}

}
