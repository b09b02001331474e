package io.noterag.query.title;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.noterag.query.conversation.ConversationContext;
import io.noterag.shared.chat.ChatGateway;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

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

	@Test
	void shouldNameOnlyAConversationWithoutMessagesThatStillBearsTheDefaultTitle() {
		ConversationTitles titles = new ConversationTitles(
				new StaticListableBeanFactory().getBeanProvider(ChatGateway.class), null,
				new TitleProperties(true, 4, 1, "New Conversation"));
		ConversationContext.Message earlier = new ConversationContext.Message("user", "Where is the vault?",
				"2024-05-01T10:00:00Z", Map.of());

		assertThat(titles.untitled(context("New Conversation", List.of(), false))).isTrue();
		assertThat(titles.untitled(context("Release planning", List.of(), false))).as("its own title").isFalse();
		assertThat(titles.untitled(context("New Conversation", List.of(earlier), false))).as("not its first exchange")
			.isFalse();
		assertThat(titles.untitled(context("New Conversation", List.of(), true)))
			.as("older messages did not fit the context")
			.isFalse();
	}

	private static ConversationContext context(String title, List<ConversationContext.Message> messages,
			boolean truncated) {
		return new ConversationContext(UUID.randomUUID(), title, messages, truncated);
	}

}
