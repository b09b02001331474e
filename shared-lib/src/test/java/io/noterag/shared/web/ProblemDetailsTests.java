package io.noterag.shared.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new EchoController())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.addFilters(new RequestIdFilter())
		.build();

	@Test
	void shouldAnswerAnApiExceptionWithItsStatusAndTheCallersRequestId() throws Exception {
		this.mvc
			.perform(post("/echo").header(RequestIds.HEADER, "caller-id-123")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"question\":\"forbidden words\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(RequestIds.HEADER, "caller-id-123"))
			.andExpect(jsonPath("$.detail").value("That question was asked already."))
			.andExpect(jsonPath("$.request_id").value("caller-id-123"));
	}

	@Test
	void shouldReplaceAnInsaneRequestIdWithANewOne() throws Exception {
		String response = this.mvc
			.perform(post("/echo").header(RequestIds.HEADER, "has spaces and ; semicolons")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"question\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getHeader(RequestIds.HEADER);
		assertThat(response).isNotEqualTo("has spaces and ; semicolons").matches("[0-9a-f-]{36}");
	}

	@Test
	void shouldNameTheInvalidFieldInSnakeCase() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"question\":\"  \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid request"))
			.andExpect(jsonPath("$.errors.question").exists())
			.andExpect(jsonPath("$.request_id").isNotEmpty());
	}

	@Test
	void shouldAnswerMalformedJsonWith400() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"question\": \"unterminated"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Malformed request body"))
			.andExpect(jsonPath("$.request_id").isNotEmpty());
	}

	@Test
	void shouldHideTheDetailsOfAnUnexpectedFailure() throws Exception {
		String body = this.mvc
			.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"question\":\"boom please\"}"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.request_id").isNotEmpty())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("secret internal state").doesNotContain("IllegalStateException");
	}

	@Test
	void shouldWriteProblemsOutsideControllersWithTheRequestIdAtTheTopLevel() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest(
				"GET", "/x");
		request.setAttribute(RequestIdFilter.ATTRIBUTE, "outside-12345");
		Problems.write(response,
				Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "A bearer token is required.", request));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"request_id\":\"outside-12345\"")
			.doesNotContain("\"properties\"")
			.doesNotContain("\"type\":null");
	}

	record Question(@NotBlank @Size(max = 1000) String question) {
	}

	@RestController
	static class EchoController {

		@PostMapping("/echo")
		Question echo(@Valid @RequestBody Question question) {
			if (question.question().contains("forbidden")) {
				throw ApiException.conflict("That question was asked already.");
			}
			if (question.question().contains("boom")) {
				throw new IllegalStateException("secret internal state");
			}
			return question;
		}

	}

}
