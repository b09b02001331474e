package io.noterag.gateway;

import io.noterag.shared.architecture.ServiceArchitectureTests;

class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super("io.noterag.gateway");
	}

}
