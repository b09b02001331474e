package io.noterag.document;

import io.noterag.shared.architecture.ServiceArchitectureTests;

class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super("io.noterag.document");
	}

}
