package io.noterag.gateway.auth;

import java.util.Locale;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import io.noterag.shared.security.Roles;
import io.noterag.shared.web.ApiException;

/**
 * The {@code dev} provider: the code is the user name, trusted as is, and the role is
 * whatever the caller asks for ({@code user} when absent). The user is
 * {@code <name>@dev.local}. Enabled only where {@code noterag.auth.dev.enabled} is true.
 */
class DevIdentityProvider implements IdentityProvider {

	static final String ID = "dev";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Mono<ExternalIdentity> authenticate(LoginRequest request) {
		String name = request.code();
		if (name == null || !NAME.matcher(name).matches()) {
			return Mono.error(ApiException
				.badRequest("code: for the dev provider, a user name of 1 to 64 letters, digits, '.', '_' or '-'."));
		}
		String role = (request.role() != null) ? request.role().toLowerCase(Locale.ROOT) : Roles.USER;
		if (!Roles.HUMAN.contains(role)) {
			return Mono.error(ApiException.badRequest("role: must be one of viewer, user, admin."));
		}
		return Mono.just(new ExternalIdentity(name.toLowerCase(Locale.ROOT) + "@dev.local", name, role));
	}

}
