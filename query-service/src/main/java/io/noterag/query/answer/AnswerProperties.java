package io.noterag.query.answer;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the extractive answerer picks and quotes sentences.
 *
 * @param minSentences sentences quoted when at least that many are relevant
 * @param maxSentences most sentences quoted
 * @param snippetLength about how many characters a source's snippet has
 * @param secondSentenceRatio a second unit must score at least this share of the best
 * (question terms already quoted count for less)
 * @param extraSentenceRatio any further unit, and any unit of a document not yet quoted,
 * must score at least this share of the best
 */
@Validated
@ConfigurationProperties(prefix = "noterag.answer")
public record AnswerProperties(@Min(1) @Max(10) @DefaultValue("2") int minSentences,
		@Min(1) @Max(10) @DefaultValue("4") int maxSentences, @Min(80) @DefaultValue("300") int snippetLength,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.3") double secondSentenceRatio,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5") double extraSentenceRatio) {

	@AssertTrue(message = "min-sentences must not be larger than max-sentences")
	public boolean isConsistent() {
		return this.minSentences <= this.maxSentences;
	}

	public static AnswerProperties defaults() {
		return new AnswerProperties(2, 4, 300, 0.3, 0.5);
	}

}
