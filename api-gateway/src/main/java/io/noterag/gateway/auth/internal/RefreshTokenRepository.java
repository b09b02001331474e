package io.noterag.gateway.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code refresh_tokens} table. Only the SHA-256 of a token is stored. All tokens
 * issued from one sign-in share a family: rotating a token links it to its successor, and
 * presenting a rotated or revoked token revokes the whole family. Times come from the
 * database clock, the same for every replica.
 */
public class RefreshTokenRepository {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	public RefreshTokenRepository(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
	}

	/**
	 * Issues a new refresh token.
	 * @param userId the owner
	 * @param familyId the family: new for a sign-in, the predecessor's for a rotation
	 * @param ttl lifetime
	 * @return the token (to hand to the client, never stored) and its row id
	 */
	public Issued issue(UUID userId, UUID familyId, Duration ttl) {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO refresh_tokens (id, token_hash, user_id, family_id, expires_at)
				VALUES (:id, :hash, :userId, :familyId, now() + :seconds * INTERVAL '1 second')
				""")
			.param("id", id)
			.param("hash", hash(token))
			.param("userId", userId)
			.param("familyId", familyId)
			.param("seconds", ttl.toSeconds())
			.update();
		return new Issued(token, id);
	}

	/**
	 * Finds a token and locks its row for the rest of the transaction, so that two
	 * replicas refreshing the same token at once are serialized.
	 * @param token the token as presented
	 * @return the token's state
	 */
	public Optional<StoredToken> lock(String token) {
		return this.jdbc.sql("""
				SELECT id, user_id, family_id, revoked_at IS NOT NULL AS revoked,
				       replaced_by IS NOT NULL AS rotated, expires_at <= now() AS expired
				FROM refresh_tokens WHERE token_hash = :hash FOR UPDATE
				""")
			.param("hash", hash(token))
			.query((rs, row) -> new StoredToken(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getObject("family_id", UUID.class), rs.getBoolean("revoked"), rs.getBoolean("rotated"),
					rs.getBoolean("expired")))
			.optional();
	}

	public void markReplaced(UUID id, UUID successor) {
		this.jdbc.sql("UPDATE refresh_tokens SET replaced_by = :successor WHERE id = :id")
			.param("successor", successor)
			.param("id", id)
			.update();
	}

	/**
	 * Revokes every token of a family that is not revoked yet.
	 * @param familyId the family
	 * @return how many were revoked
	 */
	public int revokeFamily(UUID familyId) {
		return this.jdbc
			.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
			.param("family", familyId)
			.update();
	}

	/**
	 * Revokes the family of a token when the token belongs to the user.
	 * @param token the token as presented
	 * @param userId the user who must own it
	 * @return how many tokens were revoked
	 */
	public int revokeFamilyOf(String token, UUID userId) {
		return this.jdbc.sql("""
				UPDATE refresh_tokens SET revoked_at = now()
				WHERE revoked_at IS NULL AND family_id =
				      (SELECT family_id FROM refresh_tokens WHERE token_hash = :hash AND user_id = :userId)
				""").param("hash", hash(token)).param("userId", userId).update();
	}

	public int revokeAllOfUser(UUID userId) {
		return this.jdbc
			.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = :userId AND revoked_at IS NULL")
			.param("userId", userId)
			.update();
	}

	/**
	 * Deletes tokens that expired more than a grace period ago (kept that long so that a
	 * late reuse is still recognised as such).
	 * @param grace how long expired tokens are kept
	 * @return how many were deleted
	 */
	public int purgeExpired(Duration grace) {
		return this.jdbc.sql("""
				DELETE FROM refresh_tokens
				WHERE expires_at < now() - :seconds * INTERVAL '1 second'
				  AND NOT EXISTS (SELECT 1 FROM refresh_tokens newer
				                  WHERE newer.family_id = refresh_tokens.family_id
				                    AND newer.expires_at >= now() - :seconds * INTERVAL '1 second')
				""").param("seconds", grace.toSeconds()).update();
	}

	static String hash(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A freshly issued token.
	 *
	 * @param token the value for the client
	 * @param id its row id
	 */
	public record Issued(String token, UUID id) {

	}

	/**
	 * A stored token's state.
	 *
	 * @param id row id
	 * @param userId owner
	 * @param familyId family
	 * @param revoked revoked (logout, or reuse detected)
	 * @param rotated already exchanged for a successor
	 * @param expired past its expiry
	 */
	public record StoredToken(UUID id, UUID userId, UUID familyId, boolean revoked, boolean rotated, boolean expired) {

	}

}
