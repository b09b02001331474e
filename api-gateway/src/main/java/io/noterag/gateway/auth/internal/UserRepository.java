package io.noterag.gateway.auth.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code users} table. */
public class UserRepository {

	private final JdbcClient jdbc;

	public UserRepository(JdbcTemplate jdbcTemplate) {
		this.jdbc = JdbcClient.create(jdbcTemplate);
	}

	/**
	 * Creates the user or updates name, role (when given) and last login. A deactivated
	 * user is left untouched and comes back inactive.
	 * @param email the key
	 * @param name display name
	 * @param role role to record, {@code null} to keep the stored one ({@code user} for a
	 * new user)
	 * @return the user as stored
	 */
	public UserAccount upsertOnLogin(String email, String name, String role) {
		Optional<UserAccount> updated = this.jdbc.sql("""
				INSERT INTO users (email, name, role, last_login)
				VALUES (:email, :name, COALESCE(CAST(:role AS VARCHAR), 'user'), now())
				ON CONFLICT (email) DO UPDATE
				SET name = EXCLUDED.name, role = COALESCE(CAST(:role AS VARCHAR), users.role),
				    last_login = now(), updated_at = now()
				WHERE users.is_active
				RETURNING id, email, name, role, is_active
				""")
			.param("email", email)
			.param("name", name)
			.param("role", role)
			.query(UserRepository::map)
			.optional();
		return updated.orElseGet(() -> findByEmail(email).orElseThrow());
	}

	public Optional<UserAccount> findById(UUID id) {
		return this.jdbc.sql("SELECT id, email, name, role, is_active FROM users WHERE id = :id")
			.param("id", id)
			.query(UserRepository::map)
			.optional();
	}

	public Optional<UserAccount> findByEmail(String email) {
		return this.jdbc.sql("SELECT id, email, name, role, is_active FROM users WHERE email = :email")
			.param("email", email)
			.query(UserRepository::map)
			.optional();
	}

	private static UserAccount map(ResultSet rs, int row) throws SQLException {
		return new UserAccount(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
				rs.getString("role"), rs.getBoolean("is_active"));
	}

}
