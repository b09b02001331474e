package io.noterag.document.source;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A data source to register.
 *
 * @param type one of the supported source types
 * @param name a display name; the folder's name when absent
 * @param config the type's settings; for {@code filesystem}: {@code path} (absolute, in
 * an allowed root), optionally {@code private} (only the owner may read) and
 * {@code principals} (more readers, e.g. {@code group:finance})
 */
public record CreateSourceRequest(@NotBlank @Size(max = 50) String type, @Size(max = 255) String name,
		@NotNull Map<String, Object> config) {

}
