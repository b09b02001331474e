package io.noterag.conversation;

import io.noterag.shared.architecture.ServiceArchitectureTests;

class ArchitectureTests extends ServiceArchitectureTests {

	ArchitectureTests() {
		super("io.noterag.conversation");
	}

}
