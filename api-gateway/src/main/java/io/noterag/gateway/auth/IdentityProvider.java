package io.noterag.gateway.auth;

import reactor.core.publisher.Mono;

/**
 * Exchanges what a client brings back from an identity provider (an authorization code)
 * for the identity of the person. One bean per enabled provider.
 */
public interface IdentityProvider {

	/**
	 * The provider's name as sent in {@code "provider"} of the login request.
	 * @return e.g. {@code dev}, {@code azure_ad}
	 */
	String id();

	/**
	 * Verifies the login request with the provider.
	 * @param request the login request
	 * @return the person, or an error ({@code ApiException} 400/401) naming the problem
	 */
	Mono<ExternalIdentity> authenticate(LoginRequest request);

	/**
	 * A person as the identity provider vouches for them.
	 *
	 * @param email e-mail address, the key of the user record
	 * @param name display name
	 * @param role the role to record, or {@code null} to keep the stored one (new users
	 * get {@code user})
	 */
	record ExternalIdentity(String email, String name, String role) {

	}

}
