package io.noterag.indexing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IndexingWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(IndexingWorkerApplication.class, args);
	}

}
