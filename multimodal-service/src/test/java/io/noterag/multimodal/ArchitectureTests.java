package io.noterag.multimodal;

import io.noterag.shared.architecture.ServiceArchitectureTests;

class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super("io.noterag.multimodal");
	}

}
