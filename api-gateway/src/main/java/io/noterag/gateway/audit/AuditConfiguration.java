package io.noterag.gateway.audit;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail and the filter that audits routed requests. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	@Bean
	AuditLog auditLog(JdbcTemplate jdbcTemplate, JsonMapper jsonMapper,
			@Value("${noterag.audit.enabled:true}") boolean enabled) {
		return new AuditLog(jdbcTemplate, jsonMapper, enabled);
	}

	@Bean
	AuditGlobalFilter auditGlobalFilter(AuditLog auditLog) {
		return new AuditGlobalFilter(auditLog);
	}

}
