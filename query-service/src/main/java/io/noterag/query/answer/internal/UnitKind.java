package io.noterag.query.answer.internal;

/** What a unit of text is, which decides how it is split, scored and written. */
public enum UnitKind {

	/** A sentence of running text. */
	SENTENCE,

	/** A numbered step, kept whole with its continuation lines. */
	STEP,

	/** A bullet item, kept whole. */
	ITEM,

	/** One row of a table, kept whole (with its header row as context). */
	TABLE_ROW;

	/** Whether the unit is written on its own line in an answer. */
	public boolean standsAlone() {
		return this != SENTENCE;
	}

}
