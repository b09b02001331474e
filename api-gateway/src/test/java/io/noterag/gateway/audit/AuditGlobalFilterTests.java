package io.noterag.gateway.audit;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

import io.noterag.gateway.audit.AuditGlobalFilter.Classified;

import static org.assertj.core.api.Assertions.assertThat;

class AuditGlobalFilterTests {

	@Test
	void shouldAuditQuestionsDocumentReadsDeletionsAndAdministration() {
		assertThat(classify(HttpMethod.POST, "/api/v2/query")).isEqualTo(new Classified("query", "query", null));
		assertThat(classify(HttpMethod.POST, "/api/v2/query/stream")).isEqualTo(new Classified("query", "query", null));
		assertThat(classify(HttpMethod.GET, "/api/v2/documents/d-1"))
			.isEqualTo(new Classified("document_access", "document", "d-1"));
		assertThat(classify(HttpMethod.POST, "/api/v2/admin/sources/s-1/sync"))
			.isEqualTo(new Classified("admin_action", "admin", "/api/v2/admin/sources/s-1/sync"));
		assertThat(classify(HttpMethod.DELETE, "/api/v2/conversations/c-9"))
			.isEqualTo(new Classified("delete", "conversations", "c-9"));
	}

	@Test
	void shouldNotAuditListingsAndReadsOfOnesOwnData() {
		assertThat(classify(HttpMethod.GET, "/api/v2/documents")).isNull();
		assertThat(classify(HttpMethod.GET, "/api/v2/conversations/c-9")).isNull();
		assertThat(classify(HttpMethod.GET, "/api/v2/admin/sources")).isNull();
		assertThat(classify(HttpMethod.POST, "/api/v2/conversations")).isNull();
		assertThat(classify(HttpMethod.POST, "/api/v2/documents/search")).isNull();
	}

	private static Classified classify(HttpMethod method, String path) {
		return AuditGlobalFilter.classify(method, PathContainer.parsePath(path));
	}

}
