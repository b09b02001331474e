package io.noterag.conversation.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import io.noterag.conversation.history.ContextWindow.Candidate;
import io.noterag.conversation.history.ContextWindow.Selection;
import io.noterag.conversation.history.ConversationContext.ContextMessage;

import static org.assertj.core.api.Assertions.assertThat;

class ContextWindowTests {

	/** One token per word, so the budgets below can be read off the texts. */
	private static final ToIntFunction<String> WORDS = (text) -> text.split(" ").length;

	@Test
	void shouldTakeTheNewestMessagesThatFitAndGiveThemOldestFirst() {
		List<Candidate> newestFirst = newestFirst("q1 a b", "a1 x y z", "q2 c", "a2 one two three four");

		Selection selection = ContextWindow.select(newestFirst, 10, 7, WORDS);

		assertThat(selection.messages()).extracting(ContextMessage::content)
			.containsExactly("q2 c", "a2 one two three four");
		assertThat(selection.messages()).extracting(ContextMessage::tokens).containsExactly(2, 5);
		assertThat(selection.totalTokens()).isEqualTo(7);
		assertThat(selection.truncated()).isTrue();
	}

	@Test
	void shouldStopAtTheFirstMessageThatDoesNotFitEvenWhenAnOlderOneWould() {
		List<Candidate> newestFirst = newestFirst("q1", "a long answer of many many words", "q2", "a2");

		Selection selection = ContextWindow.select(newestFirst, 10, 5, WORDS);

		assertThat(selection.messages()).extracting(ContextMessage::content).containsExactly("q2", "a2");
		assertThat(selection.totalTokens()).isEqualTo(2);
	}

	@Test
	void shouldLeaveTheContextEmptyRatherThanCutTheNewestMessage() {
		Selection selection = ContextWindow.select(newestFirst("q1", "an answer far longer than the budget"), 10, 3,
				WORDS);

		assertThat(selection.messages()).isEmpty();
		assertThat(selection.totalTokens()).isZero();
		assertThat(selection.truncated()).isTrue();
	}

	@Test
	void shouldStopAtTheMessageLimitAndSayOlderMessagesWereLeftOut() {
		Selection selection = ContextWindow.select(newestFirst("q1", "a1", "q2", "a2", "q3"), 4, 1000, WORDS);

		assertThat(selection.messages()).extracting(ContextMessage::content).containsExactly("a1", "q2", "a2", "q3");
		assertThat(selection.truncated()).isTrue();
	}

	@Test
	void shouldTakeAWholeShortConversationWithoutReportingItTruncated() {
		Selection selection = ContextWindow.select(newestFirst("q1", "a1"), 4, 1000, WORDS);

		assertThat(selection.messages()).extracting(ContextMessage::content).containsExactly("q1", "a1");
		assertThat(selection.messages()).extracting(ContextMessage::role).containsExactly("user", "assistant");
		assertThat(selection.truncated()).isFalse();
	}

	@Test
	void shouldCountOnlyTheMessagesItConsiders() {
		List<String> counted = new ArrayList<>();
		ToIntFunction<String> counting = (text) -> {
			counted.add(text);
			return WORDS.applyAsInt(text);
		};

		ContextWindow.select(newestFirst("q1", "a1", "q2 is long enough", "a2"), 10, 3, counting);

		assertThat(counted).containsExactly("a2", "q2 is long enough");
	}

	/**
	 * Messages of a conversation given oldest first (as read), alternating user and
	 * assistant, returned newest first as the window expects them.
	 */
	private static List<Candidate> newestFirst(String... oldestFirst) {
		List<Candidate> candidates = new ArrayList<>();
		Instant start = Instant.parse("2026-03-01T10:00:00Z");
		for (int i = 0; i < oldestFirst.length; i++) {
			candidates.add(0, new Candidate(UUID.randomUUID(), (i % 2 == 0) ? "user" : "assistant", oldestFirst[i],
					start.plusSeconds(i), Map.of()));
		}
		return candidates;
	}

}
