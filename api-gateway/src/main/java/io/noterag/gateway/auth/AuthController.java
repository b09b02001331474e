package io.noterag.gateway.auth;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.noterag.gateway.audit.AuditLog;
import io.noterag.gateway.auth.AuthResponses.LoginResponse;
import io.noterag.gateway.auth.AuthResponses.LogoutRequest;
import io.noterag.gateway.auth.AuthResponses.LogoutResponse;
import io.noterag.gateway.auth.AuthResponses.RefreshRequest;
import io.noterag.gateway.auth.AuthResponses.RefreshResponse;
import io.noterag.gateway.web.RequestIdWebFilter;

@RestController
@RequestMapping("/api/v2/auth")
class AuthController {

	private final AuthService auth;

	AuthController(AuthService auth) {
		this.auth = auth;
	}

	@PostMapping("/login")
	Mono<ResponseEntity<LoginResponse>> login(@RequestBody LoginRequest request, ServerWebExchange exchange) {
		return this.auth.login(request, caller(exchange)).map(AuthController::noStore);
	}

	@PostMapping("/refresh")
	Mono<ResponseEntity<RefreshResponse>> refresh(@RequestBody RefreshRequest request, ServerWebExchange exchange) {
		return this.auth.refresh(request.refreshToken(), caller(exchange)).map(AuthController::noStore);
	}

	@PostMapping("/logout")
	Mono<LogoutResponse> logout(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) LogoutRequest request,
			ServerWebExchange exchange) {
		String refreshToken = (request != null) ? request.refreshToken() : null;
		return this.auth.logout(jwt.getSubject(), refreshToken, caller(exchange)).thenReturn(new LogoutResponse(true));
	}

	static AuthService.Caller caller(ServerWebExchange exchange) {
		return new AuthService.Caller(AuditLog.clientAddress(exchange), AuditLog.userAgent(exchange),
				RequestIdWebFilter.requestId(exchange));
	}

	private static <T> ResponseEntity<T> noStore(T body) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
	}

}
