package io.noterag.shared.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The structure every service keeps, checked by each service's {@code ArchitectureTests}:
 * adapters stay behind their ports, a feature's {@code internal} package is its own,
 * entities never reach the web layer, and services never use each other's code.
 */
public final class ArchitectureRules {

	private ArchitectureRules() {
	}

	/**
	 * Imports the production classes of a service.
	 * @param basePackage e.g. {@code io.noterag.document}
	 * @return its classes
	 */
	public static JavaClasses productionClasses(String basePackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(basePackage);
	}

	/**
	 * Adapters (Lucene, ONNX, file system, ...) are wired by their auto-configurations
	 * only.
	 */
	public static ArchRule adaptersAreUsedOnlyThroughTheirPorts() {
		return noClasses().that()
			.resideOutsideOfPackage("io.noterag.shared..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.noterag.shared.vector.lucene..", "io.noterag.shared.vector.qdrant..",
					"io.noterag.shared.embedding.onnx..", "io.noterag.shared.storage.filesystem..",
					"io.noterag.shared.storage.minio..", "io.noterag.shared.rerank.http..",
					"io.noterag.shared.rerank.onnx..", "io.noterag.shared.chat.langchain4j..")
			.because("services depend on ports; adapters are chosen by configuration");
	}

	/**
	 * A feature's {@code internal} package is used only inside that feature.
	 * @param basePackage the service's base package
	 * @return the rule
	 */
	public static ArchRule internalPackagesStayInsideTheirFeature(String basePackage) {
		return classes().that()
			.resideInAPackage(basePackage + "..internal..")
			.should(new ArchCondition<>("be used only by their own feature") {
				@Override
				public void check(JavaClass internal, ConditionEvents events) {
					String feature = featureOf(internal.getPackageName());
					internal.getAccessesToSelf().forEach((access) -> {
						String origin = access.getOriginOwner().getPackageName();
						if (!origin.equals(feature) && !origin.startsWith(feature + ".")) {
							events.add(SimpleConditionEvent.violated(access, access.getDescription()));
						}
					});
				}
			})
			.allowEmptyShould(true);
	}

	/** Entities are mapped to records before they reach a controller. */
	public static ArchRule controllersDoNotExposeEntities() {
		return noClasses().that()
			.areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
			.should()
			.dependOnClassesThat()
			.areAnnotatedWith("jakarta.persistence.Entity")
			.allowEmptyShould(true);
	}

	/**
	 * A service uses no other service's code.
	 * @param basePackage the service's base package
	 * @return the rule
	 */
	public static ArchRule servicesDoNotUseEachOther(String basePackage) {
		return noClasses().that()
			.resideInAPackage(basePackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(otherServices(basePackage));
	}

	private static String[] otherServices(String basePackage) {
		return java.util.stream.Stream.of("gateway", "query", "document", "conversation", "multimodal", "indexing")
			.map((s) -> "io.noterag." + s + "..")
			.filter((p) -> !p.equals(basePackage + ".."))
			.toArray(String[]::new);
	}

	private static String featureOf(String packageName) {
		int index = packageName.indexOf(".internal");
		return packageName.substring(0, index);
	}

}
