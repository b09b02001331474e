package io.noterag.query.retrieval.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RewrittenQueryVariantsTests {

	private final RewrittenQueryVariants variants = new RewrittenQueryVariants();

	@Test
	void shouldAskTheQuestionThenItsDeclarativeFormThenItsContentWords() {
		assertThat(this.variants.variants("How long are nightly backups retained?", 3)).containsExactly(
				"How long are nightly backups retained?", "nightly backups are retained for",
				"nightly backups retained");
		assertThat(this.variants.variants("What is a cold berth?", 3)).containsExactly("What is a cold berth?",
				"a cold berth is", "cold berth");
		assertThat(this.variants.variants("How often is the backup encryption key rotated?", 3)).containsExactly(
				"How often is the backup encryption key rotated?", "the backup encryption key is rotated every",
				"backup encryption key rotated");
		assertThat(this.variants.variants("What will we migrate the shipment search index to?", 3)).containsExactly(
				"What will we migrate the shipment search index to?", "we will migrate the shipment search index to",
				"migrate shipment search index");
	}

	@Test
	void shouldKeepIdentifiersAndChannelNamesWhole() {
		assertThat(RewrittenQueryVariants
			.contentWords("Which Slack channel do I use for #plat-access, and is wp-db-fra-2 the standby?"))
			.isEqualTo("Slack channel use #plat-access wp-db-fra-2 standby");
	}

	@Test
	void shouldNotRepeatAVariantAndKeepAtMostTheWantedNumber() {
		assertThat(this.variants.variants("bicycles", 3)).containsExactly("bicycles");
		assertThat(this.variants.variants("Where are bicycles parked?", 1))
			.containsExactly("Where are bicycles parked?");
		assertThat(this.variants.variants("Where are bicycles parked?", 2))
			.containsExactly("Where are bicycles parked?", "bicycles are parked in");
		assertThat(this.variants.variants("Which standby do we promote in a database failover?", 3)).containsExactly(
				"Which standby do we promote in a database failover?", "standby promote database failover");
		assertThat(this.variants.variants("  ???  ", 3)).containsExactly("???");
	}

	@Test
	void shouldRefuseToWriteNoVariant() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.variants.variants("question", 0));
	}

}
