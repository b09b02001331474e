package io.noterag.shared.security;

import java.util.Locale;
import java.util.Set;

/** The roles of the platform, as carried in the {@code role} claim. */
public final class Roles {

	public static final String VIEWER = "viewer";

	public static final String USER = "user";

	public static final String ADMIN = "admin";

	/** Role of service tokens, the only role that may call {@code /internal/**}. */
	public static final String SERVICE = "service";

	/** Roles a person can hold. */
	public static final Set<String> HUMAN = Set.of(VIEWER, USER, ADMIN);

	private Roles() {
	}

	public static String authority(String role) {
		return "ROLE_" + role.toUpperCase(Locale.ROOT);
	}

}
