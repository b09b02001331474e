package io.noterag.document.document;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the documents API.
 *
 * @param relatedLimit most related documents shown with a document
 * @param maxPageSize largest page of the document list
 */
@Validated
@ConfigurationProperties(prefix = "noterag.documents")
public record DocumentProperties(@Positive @Max(50) @DefaultValue("5") int relatedLimit,
		@Positive @DefaultValue("200") int maxPageSize) {

}
