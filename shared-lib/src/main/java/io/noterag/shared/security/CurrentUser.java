package io.noterag.shared.security;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller of the current request, read from the validated access token.
 *
 * @param id the user's id ({@code sub}); for a service token, {@code service:<client>}
 * @param name display name
 * @param email e-mail address, may be {@code null} for service tokens
 * @param role one of {@link Roles}
 * @param token the raw bearer token, to forward on calls made for this user
 */
public record CurrentUser(String id, String name, String email, String role, String token) {

	public boolean isAdmin() {
		return Roles.ADMIN.equals(this.role);
	}

	public boolean isService() {
		return Roles.SERVICE.equals(this.role);
	}

	/**
	 * The principals whose documents this caller may read: the user's id, their e-mail
	 * and the role-wide group, lower case, as stored on indexed chunks.
	 * @return the principals, never empty
	 */
	public List<String> principals() {
		if (isService() || isAdmin()) {
			return List.of("*");
		}
		return (this.email != null) ? List.of("user:" + this.id, "email:" + this.email.toLowerCase(), "group:everyone")
				: List.of("user:" + this.id, "group:everyone");
	}

	public static CurrentUser from(Jwt jwt) {
		return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString("name"), jwt.getClaimAsString("email"),
				jwt.getClaimAsString("role"), jwt.getTokenValue());
	}

	/**
	 * The caller of the request on this thread.
	 * @return the caller, or {@code null} when the request is not authenticated
	 */
	public static CurrentUser current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwtToken) {
			return from(jwtToken.getToken());
		}
		return null;
	}

}
