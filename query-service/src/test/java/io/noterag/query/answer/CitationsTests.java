package io.noterag.query.answer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CitationsTests {

	@Test
	void shouldKeepValidCitationsAndReportWhichSourcesAreCited() {
		Citations.Checked checked = Citations.check("Backups stay 35 days [2]. Tapes a year [1][2].", 3);

		assertThat(checked.text()).isEqualTo("Backups stay 35 days [2]. Tapes a year [1][2].");
		assertThat(checked.cited()).containsExactly(1, 2);
		assertThat(checked.removed()).isEmpty();
	}

	@Test
	void shouldRemoveACitationOfASourceThatDoesNotExistAndFlagIt() {
		Citations.Checked checked = Citations.check("Backups stay 35 days [4]. Restores monthly [1, 7].\nDone [0]", 3);

		assertThat(checked.text()).isEqualTo("Backups stay 35 days. Restores monthly [1].\nDone");
		assertThat(checked.cited()).containsExactly(1);
		assertThat(checked.removed()).containsExactly(4, 7, 0);
	}

	@Test
	void shouldLeaveTextWithoutCitationsUnchanged() {
		Citations.Checked checked = Citations.check("I could not find this in the sources.", 2);

		assertThat(checked.text()).isEqualTo("I could not find this in the sources.");
		assertThat(checked.cited()).isEmpty();
	}

}
