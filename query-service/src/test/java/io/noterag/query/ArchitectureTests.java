package io.noterag.query;

import org.junit.jupiter.api.Test;

import io.noterag.shared.architecture.ServiceArchitectureTests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests extends ServiceArchitectureTests {

	private static final String BASE = "io.noterag.query";

	ArchitectureTests() {
		super(BASE);
	}

	@Test
	void shouldKeepTheAnswererFreeOfWebAndPersistence() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".answer..", BASE + ".retrieval..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "jakarta.persistence..", BASE + ".ask..",
					BASE + ".conversation..", BASE + ".analytics..")
			.check(importedClasses());
	}

}
