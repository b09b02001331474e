package io.noterag.gateway.auth;

import java.util.UUID;

/** Bodies of the auth endpoints (snake_case on the wire). */
final class AuthResponses {

	private AuthResponses() {
	}

	record UserView(UUID id, String email, String name, String role) {

	}

	record LoginResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UserView user) {

	}

	record RefreshRequest(String refreshToken) {

	}

	record RefreshResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

	}

	record LogoutRequest(String refreshToken) {

	}

	record LogoutResponse(boolean success) {

	}

	record ClientTokenResponse(String accessToken, String tokenType, long expiresIn) {

	}

}
