package io.noterag.query.followup;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.noterag.query.answer.GenerationProperties;
import io.noterag.query.conversation.ConversationContext;
import io.noterag.query.followup.internal.LanguageModelQuestionRewriter;
import io.noterag.query.followup.internal.RuleBasedQuestionRewriter;
import io.noterag.shared.chat.ChatGateway;
import io.noterag.shared.chat.ChatUnavailableException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link QuestionRewriter} of the service: the language model when one is configured,
 * the rules when none is or none answers.
 */
@Component
public class FollowUpQuestions implements QuestionRewriter {

	private static final Logger log = LoggerFactory.getLogger(FollowUpQuestions.class);

	private final RuleBasedQuestionRewriter rules = new RuleBasedQuestionRewriter();

	private final LanguageModelQuestionRewriter model;

	public FollowUpQuestions(ObjectProvider<ChatGateway> chat, GenerationProperties properties) {
		ChatGateway gateway = chat.getIfAvailable();
		this.model = (gateway != null && gateway.configured())
				? new LanguageModelQuestionRewriter(gateway, properties.rewritePromptVersion()) : null;
	}

	@Override
	public Rewritten rewrite(String question, List<ConversationContext.Message> history, Instant deadline) {
		if (this.model != null) {
			try {
				return this.model.rewrite(question, history, deadline);
			}
			catch (ChatUnavailableException ex) {
				log.warn("No language model rewrote the follow-up, using the rules: {}", ex.failures());
			}
		}
		return this.rules.rewrite(question, history, deadline);
	}

	@Override
	public String name() {
		return (this.model != null) ? this.model.name() : this.rules.name();
	}

}
