package io.noterag.shared.vector;

/** Vector arithmetic every adapter shares. */
public final class Vectors {

	private Vectors() {
	}

	/**
	 * The vector scaled to length 1, so that a dot product is the cosine similarity.
	 * @param vector any vector
	 * @return a new unit vector of the same direction
	 * @throws IllegalArgumentException when the vector is empty, not finite or all zeros
	 */
	public static float[] unit(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += (double) value * value;
		}
		double norm = Math.sqrt(sum);
		if (vector.length == 0 || norm == 0 || !Double.isFinite(norm)) {
			throw new IllegalArgumentException("A vector must be non-empty, finite and not all zeros");
		}
		float[] unit = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			unit[i] = (float) (vector[i] / norm);
		}
		return unit;
	}

}
