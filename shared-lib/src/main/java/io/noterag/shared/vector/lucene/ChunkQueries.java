package io.noterag.shared.vector.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.noterag.shared.vector.SearchFilter;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Builds the filter and keyword queries. The keyword query is made from analysed terms,
 * never parsed, so user punctuation has no meaning and cannot fail.
 */
final class ChunkQueries {

	private ChunkQueries() {
	}

	/**
	 * The filter as a Lucene query.
	 * @param filter the search filter
	 * @return the query, or {@code null} when the filter restricts nothing
	 */
	static Query filter(SearchFilter filter) {
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		boolean restricted = false;
		if (!filter.readsAll()) {
			if (filter.principals().isEmpty()) {
				return new MatchNoDocsQuery("no principals");
			}
			builder.add(anyOf(ChunkDocuments.PRINCIPALS, filter.principals()), Occur.FILTER);
			restricted = true;
		}
		restricted |= addAnyOf(builder, ChunkDocuments.SOURCE_TYPE, filter.sourceTypes());
		restricted |= addAnyOf(builder, ChunkDocuments.TAGS, filter.tags());
		restricted |= addAnyOf(builder, ChunkDocuments.DOCUMENT_ID, filter.documentIds());
		restricted |= addAnyOf(builder, ChunkDocuments.DATA_SOURCE_ID, filter.dataSourceIds());
		if (filter.modifiedFrom() != null || filter.modifiedTo() != null) {
			long from = (filter.modifiedFrom() != null) ? ChunkDocuments.toEpochNanos(filter.modifiedFrom())
					: Long.MIN_VALUE;
			long to = (filter.modifiedTo() != null) ? ChunkDocuments.toEpochNanos(filter.modifiedTo()) : Long.MAX_VALUE;
			builder.add(LongPoint.newRangeQuery(ChunkDocuments.MODIFIED_AT, from, to), Occur.FILTER);
			restricted = true;
		}
		return restricted ? builder.build() : null;
	}

	/**
	 * The filter as a query that matches every document when it restricts nothing.
	 * @param filter the search filter
	 * @return the query
	 */
	static Query filterOrAll(SearchFilter filter) {
		Query query = filter(filter);
		return (query != null) ? query : new MatchAllDocsQuery();
	}

	/**
	 * A BM25 query for the text: one optional clause per distinct analysed term, boosted
	 * by how often the term occurs, inside the filter.
	 * @param analyzer the analyzer the content field was indexed with
	 * @param text the user's text
	 * @param filter the search filter
	 * @return the query, or {@code null} when the text has no searchable term
	 */
	static Query keyword(Analyzer analyzer, String text, SearchFilter filter) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Map<String, Integer> terms = analyse(analyzer, text);
		if (terms.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
		int clauses = 0;
		for (Map.Entry<String, Integer> term : terms.entrySet()) {
			if (clauses++ == IndexSearcher.getMaxClauseCount()) {
				break;
			}
			Query termQuery = new TermQuery(new Term(ChunkDocuments.CONTENT, term.getKey()));
			anyTerm.add((term.getValue() > 1) ? new BoostQuery(termQuery, term.getValue()) : termQuery, Occur.SHOULD);
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(anyTerm.build(), Occur.MUST);
		Query filterQuery = filter(filter);
		if (filterQuery != null) {
			query.add(filterQuery, Occur.FILTER);
		}
		return query.build();
	}

	private static Map<String, Integer> analyse(Analyzer analyzer, String text) {
		Map<String, Integer> terms = new LinkedHashMap<>();
		try (TokenStream stream = analyzer.tokenStream(ChunkDocuments.CONTENT, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.merge(term.toString(), 1, Integer::sum);
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	private static boolean addAnyOf(BooleanQuery.Builder builder, String field, List<String> values) {
		if (values.isEmpty()) {
			return false;
		}
		builder.add(anyOf(field, values), Occur.FILTER);
		return true;
	}

	private static Query anyOf(String field, Collection<String> values) {
		List<BytesRef> terms = new ArrayList<>(values.size());
		for (String value : values) {
			terms.add(new BytesRef(value));
		}
		return new TermInSetQuery(field, terms);
	}

}
