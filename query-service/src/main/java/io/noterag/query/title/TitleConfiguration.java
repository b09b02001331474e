package io.noterag.query.title;

import io.noterag.query.conversation.ConversationClient;
import io.noterag.shared.chat.ChatGateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title writer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TitleProperties.class)
class TitleConfiguration {

	@Bean
	ConversationTitles conversationTitles(ObjectProvider<ChatGateway> chat, ConversationClient conversations,
			TitleProperties properties) {
		return new ConversationTitles(chat, conversations, properties);
	}

}
