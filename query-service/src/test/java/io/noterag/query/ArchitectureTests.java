package io.noterag.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.noterag.shared.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private static final String BASE = "io.noterag.query";

	private final JavaClasses classes = ArchitectureRules.productionClasses(BASE);

	@Test
	void shouldUseAdaptersOnlyThroughTheirPorts() {
		ArchitectureRules.adaptersAreUsedOnlyThroughTheirPorts().check(this.classes);
	}

	@Test
	void shouldKeepInternalPackagesInsideTheirFeature() {
		ArchitectureRules.internalPackagesStayInsideTheirFeature(BASE).check(this.classes);
	}

	@Test
	void shouldNeverExposeEntitiesFromControllers() {
		ArchitectureRules.controllersDoNotExposeEntities().check(this.classes);
	}

	@Test
	void shouldNotUseOtherServicesCode() {
		ArchitectureRules.servicesDoNotUseEachOther(BASE).check(this.classes);
	}

	@Test
	void shouldKeepTheAnswererFreeOfWebAndPersistence() {
		noClasses().that()
			.resideInAnyPackage(BASE + ".answer..", BASE + ".retrieval..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "jakarta.persistence..", BASE + ".ask..",
					BASE + ".conversation..", BASE + ".analytics..")
			.check(this.classes);
	}

}
