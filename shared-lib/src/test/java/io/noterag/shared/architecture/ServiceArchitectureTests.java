package io.noterag.shared.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The structure every service keeps; each service's {@code ArchitectureTests} extends
 * this with its base package and adds its own rules.
 */
public abstract class ServiceArchitectureTests {

	private final String basePackage;

	private final JavaClasses classes;

	protected ServiceArchitectureTests(String basePackage) {
		this.basePackage = basePackage;
		this.classes = ArchitectureRules.productionClasses(basePackage);
	}

	protected JavaClasses importedClasses() {
		return this.classes;
	}

	@Test
	void shouldUseAdaptersOnlyThroughTheirPorts() {
		ArchitectureRules.adaptersAreUsedOnlyThroughTheirPorts().check(this.classes);
	}

	@Test
	void shouldKeepInternalPackagesInsideTheirFeature() {
		ArchitectureRules.internalPackagesStayInsideTheirFeature(this.basePackage).check(this.classes);
	}

	@Test
	void shouldNeverExposeEntitiesFromControllers() {
		ArchitectureRules.controllersDoNotExposeEntities().check(this.classes);
	}

	@Test
	void shouldNotUseOtherServicesCode() {
		ArchitectureRules.servicesDoNotUseEachOther(this.basePackage).check(this.classes);
	}

	@Test
	void shouldKeepControllersPackagePrivate() {
		classes().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.notBePublic()
			.allowEmptyShould(true)
			.check(this.classes);
	}

	@Test
	void shouldKeepEntitiesInInternalPackages() {
		classes().that()
			.areAnnotatedWith("jakarta.persistence.Entity")
			.should()
			.resideInAPackage(this.basePackage + "..internal..")
			.allowEmptyShould(true)
			.check(this.classes);
	}

}
