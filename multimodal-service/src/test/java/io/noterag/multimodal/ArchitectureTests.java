package io.noterag.multimodal;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RestController;

import io.noterag.shared.architecture.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class ArchitectureTests {

	private static final String BASE = "io.noterag.multimodal";

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
	void shouldKeepControllersPackagePrivate() {
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(this.classes);
	}

	@Test
	void shouldKeepEntitiesInInternalPackages() {
		classes().that()
			.haveSimpleNameEndingWith("Entity")
			.should()
			.resideInAPackage(BASE + "..internal..")
			.check(this.classes);
	}

}
