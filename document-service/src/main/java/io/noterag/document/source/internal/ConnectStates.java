package io.noterag.document.source.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one-time {@code state} values of account connections in progress, stored by hash
 * with the PKCE verifier (sealed). Taking a state deletes it in the same statement, so it
 * is used at most once, also with several replicas.
 */
@Repository
public class ConnectStates {

	private final JdbcClient jdbc;

	ConnectStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new state.
	 * @param state the state to store
	 */
	public void save(ConnectState state) {
		this.jdbc.sql("""
				INSERT INTO source_connect_states
				    (state_hash, data_source_id, admin_id, code_verifier, scope, created_at, expires_at)
				VALUES (:hash, :sourceId, :adminId, :verifier, :scope, :createdAt, :expiresAt)
				""")
			.param("hash", state.stateHash())
			.param("sourceId", state.sourceId())
			.param("adminId", state.adminId())
			.param("verifier", state.sealedVerifier())
			.param("scope", state.scope())
			.param("createdAt", utc(state.createdAt()))
			.param("expiresAt", utc(state.expiresAt()))
			.update();
	}

	/**
	 * Takes a state: returns and deletes it.
	 * @param stateHash the hash of the state
	 * @return the state, or empty when it is unknown or already taken
	 */
	public Optional<ConnectState> take(String stateHash) {
		return this.jdbc.sql("""
				DELETE FROM source_connect_states WHERE state_hash = :hash
				RETURNING state_hash, data_source_id, admin_id, code_verifier, scope, created_at, expires_at
				""")
			.param("hash", stateHash)
			.query((rs, row) -> new ConnectState(rs.getString("state_hash"), rs.getObject("data_source_id", UUID.class),
					rs.getObject("admin_id", UUID.class), rs.getString("code_verifier"), rs.getString("scope"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * Forgets states that expired before a time.
	 * @param now the time
	 * @return how many were deleted
	 */
	public int deleteExpired(Instant now) {
		return this.jdbc.sql("DELETE FROM source_connect_states WHERE expires_at < :now")
			.param("now", utc(now))
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A connection in progress.
	 *
	 * @param stateHash SHA-256 of the {@code state} sent to the identity platform (hex)
	 * @param sourceId the source being connected
	 * @param adminId the administrator who started it
	 * @param sealedVerifier the PKCE code verifier, sealed
	 * @param scope the scopes asked for
	 * @param createdAt when it started
	 * @param expiresAt when the state stops being accepted
	 */
	public record ConnectState(String stateHash, UUID sourceId, UUID adminId, String sealedVerifier, String scope,
			Instant createdAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "ConnectState[sourceId=" + this.sourceId + ", adminId=" + this.adminId + ", expiresAt="
					+ this.expiresAt + "]";
		}

	}

}
