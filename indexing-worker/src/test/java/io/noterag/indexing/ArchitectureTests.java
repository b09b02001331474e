package io.noterag.indexing;

import org.junit.jupiter.api.Test;

import io.noterag.shared.architecture.ServiceArchitectureTests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super("io.noterag.indexing");
	}

	@Test
	void shouldKeepEachFeaturesInternalsToItself() {
		classes().that()
			.resideInAPackage("..indexing.extraction.internal..")
			.should()
			.onlyBeAccessed()
			.byAnyPackage("..indexing.extraction..")
			.check(importedClasses());
		classes().that()
			.resideInAPackage("..indexing.chunking.internal..")
			.should()
			.onlyBeAccessed()
			.byAnyPackage("..indexing.chunking..")
			.check(importedClasses());
	}

	@Test
	void shouldLetOnlyJobsAndMessagingUseTheOtherFeatures() {
		noClasses().that()
			.resideInAnyPackage("..indexing.extraction..", "..indexing.chunking..", "..indexing.source..",
					"..indexing.catalog..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..indexing.job..", "..indexing.messaging..")
			.check(importedClasses());
		noClasses().that()
			.resideInAnyPackage("..indexing.extraction..", "..indexing.chunking..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..indexing.source..", "..indexing.catalog..")
			.check(importedClasses());
		noClasses().that()
			.resideInAPackage("..indexing.job..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..indexing.messaging..")
			.check(importedClasses());
	}

}
