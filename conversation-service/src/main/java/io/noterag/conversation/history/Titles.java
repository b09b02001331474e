package io.noterag.conversation.history;

/** Makes a conversation's title from its first question. */
final class Titles {

	private static final String ELLIPSIS = "…";

	private Titles() {
	}

	/**
	 * The question on one line, shortened at a word boundary when it is longer than the
	 * limit (then ending with an ellipsis, which counts towards the limit).
	 * @param question the question
	 * @param maxLength the longest title
	 * @return the title, never longer than {@code maxLength}
	 */
	static String fromQuestion(String question, int maxLength) {
		String text = question.strip().replaceAll("\\s+", " ");
		if (text.length() <= maxLength) {
			return text;
		}
		int room = maxLength - ELLIPSIS.length();
		int cut = text.lastIndexOf(' ', room);
		if (cut < room / 2) {
			// one very long word: cut inside it rather than keep almost nothing
			cut = room;
			if (Character.isHighSurrogate(text.charAt(cut - 1))) {
				cut--;
			}
		}
		String head = text.substring(0, cut).stripTrailing();
		while (!head.isEmpty() && ",;:-–(".indexOf(head.charAt(head.length() - 1)) >= 0) {
			head = head.substring(0, head.length() - 1).stripTrailing();
		}
		return head + ELLIPSIS;
	}

}
