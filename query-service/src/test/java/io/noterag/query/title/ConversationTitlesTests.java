package io.noterag.query.title;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTitlesTests {

	@Test
	void shouldKeepTheTitleWithoutQuotesLabelOrFinalFullStop() {
		assertThat(ConversationTitles.clean("\"Frankfurt cluster monthly cost\""))
			.isEqualTo("Frankfurt cluster monthly cost");
		assertThat(ConversationTitles.clean("Title: Backup retention.")).isEqualTo("Backup retention");
		assertThat(ConversationTitles.clean("“Release canary”\nI hope this helps!")).isEqualTo("Release canary");
	}

	@Test
	void shouldRefuseRepliesThatAreNoTitle() {
		assertThat(ConversationTitles.clean("   ")).isNull();
		assertThat(ConversationTitles.clean(null)).isNull();
		assertThat(ConversationTitles.clean("x".repeat(ConversationTitles.MAX_TITLE + 1))).isNull();
	}

}
