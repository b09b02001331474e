package io.noterag.indexing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private static final JavaClasses WORKER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.noterag.indexing");

	@Test
	void shouldKeepEachFeaturesInternalsToItself() {
		classes().that()
			.resideInAPackage("..indexing.extraction.internal..")
			.should()
			.onlyBeAccessed()
			.byAnyPackage("..indexing.extraction..")
			.check(WORKER);
		classes().that()
			.resideInAPackage("..indexing.chunking.internal..")
			.should()
			.onlyBeAccessed()
			.byAnyPackage("..indexing.chunking..")
			.check(WORKER);
	}

	@Test
	void shouldLetOnlyJobsAndMessagingUseTheOtherFeatures() {
		noClasses().that()
			.resideInAnyPackage("..indexing.extraction..", "..indexing.chunking..", "..indexing.source..",
					"..indexing.catalog..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..indexing.job..", "..indexing.messaging..")
			.check(WORKER);
		noClasses().that()
			.resideInAnyPackage("..indexing.extraction..", "..indexing.chunking..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..indexing.source..", "..indexing.catalog..")
			.check(WORKER);
		noClasses().that()
			.resideInAPackage("..indexing.job..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..indexing.messaging..")
			.check(WORKER);
	}

	@Test
	void shouldUsePortsNotAdaptersAndNoOtherServicesCode() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.noterag.shared.vector.lucene..", "io.noterag.shared.embedding.onnx..",
					"io.noterag.document..", "io.noterag.query..", "io.noterag.gateway..", "io.noterag.conversation..",
					"io.noterag.multimodal..")
			.check(WORKER);
	}

}
