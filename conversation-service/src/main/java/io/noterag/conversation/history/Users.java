package io.noterag.conversation.history;

import java.util.UUID;

import io.noterag.shared.security.CurrentUser;
import io.noterag.shared.web.ApiException;

/** The id of the user making the current request. */
final class Users {

	private Users() {
	}

	static UUID currentId() {
		CurrentUser user = CurrentUser.current();
		if (user == null || user.isService()) {
			throw ApiException.forbidden("Conversations belong to users; this token does not name one.");
		}
		try {
			return UUID.fromString(user.id());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.forbidden("Conversations belong to users; this token does not name one.");
		}
	}

}
