package io.noterag.query.followup.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.noterag.query.conversation.ConversationContext.Message;
import io.noterag.query.followup.QuestionRewriter;

import static org.assertj.core.api.Assertions.assertThat;

class RuleBasedQuestionRewriterTests {

	private final RuleBasedQuestionRewriter rewriter = new RuleBasedQuestionRewriter();

	@Test
	void shouldPutThePreviousQuestionsTopicBeforeAFollowUp() {
		QuestionRewriter.Rewritten rewritten = this.rewriter.rewrite("and what is its second step?",
				List.of(user("How do I rotate the on-call pager?", Map.of()), assistant("Open the rota [1].")));

		assertThat(rewritten.rewritten()).isTrue();
		assertThat(rewritten.question()).isEqualTo("rotate on-call pager: and what is its second step?");
	}

	@Test
	void shouldBuildOnThePreviousFollowUpsStandaloneForm() {
		QuestionRewriter.Rewritten rewritten = this.rewriter.rewrite("who approves it?",
				List.of(user("How long are nightly backups retained?", Map.of()), assistant("35 days [1]."),
						user("and the weekly ones?",
								Map.of(QuestionRewriter.STANDALONE_KEY,
										"long nightly backups retained: and the weekly ones?")),
						assistant("A year [1].")));

		assertThat(rewritten.question()).isEqualTo("long nightly backups retained weekly: who approves it?");
	}

	@Test
	void shouldLeaveAQuestionThatStandsOnItsOwnAlone() {
		List<Message> history = List.of(user("How do I rotate the on-call pager?", Map.of()));

		assertThat(this.rewriter.rewrite("Which port does the staging database listen on?", history))
			.isEqualTo(new QuestionRewriter.Rewritten("Which port does the staging database listen on?", false));
		assertThat(this.rewriter.rewrite("and its second step?", List.of()).rewritten()).isFalse();
	}

	@Test
	void shouldTreatShortOrContinuingQuestionsAsFollowUps() {
		assertThat(RuleBasedQuestionRewriter.isFollowUp("What about staging?")).isTrue();
		assertThat(RuleBasedQuestionRewriter.isFollowUp("Why?")).isTrue();
		assertThat(RuleBasedQuestionRewriter.isFollowUp("Where is it?")).isTrue();
		assertThat(RuleBasedQuestionRewriter.isFollowUp("Where do visitors sign in at the Oslo office?")).isFalse();
	}

	private static Message user(String content, Map<String, Object> metadata) {
		return new Message("user", content, "2024-05-01T10:00:00Z", metadata);
	}

	private static Message assistant(String content) {
		return new Message("assistant", content, "2024-05-01T10:00:01Z", Map.of());
	}

}
