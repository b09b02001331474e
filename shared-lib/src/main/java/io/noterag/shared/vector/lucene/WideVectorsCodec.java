package io.noterag.shared.vector.lucene;

import java.io.IOException;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with room for vectors of up to {@value #MAX_DIMENSIONS}
 * dimensions instead of 1024 (remote embedding models reach 1536 or 3072). Only the
 * write-time limit changes: the files and the codec and format names are the default
 * ones, so any Lucene of this version reads the index without this class.
 */
final class WideVectorsCodec extends FilterCodec {

	static final int MAX_DIMENSIONS = 4096;

	private final KnnVectorsFormat vectors;

	WideVectorsCodec(Codec delegate) {
		super(delegate.getName(), delegate);
		KnnVectorsFormat base = (delegate.knnVectorsFormat() instanceof PerFieldKnnVectorsFormat perField)
				? perField.getKnnVectorsFormatForField(ChunkDocuments.VECTOR) : new Lucene99HnswVectorsFormat();
		KnnVectorsFormat wide = new WideFormat(base);
		this.vectors = new PerFieldKnnVectorsFormat() {

			@Override
			public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
				return wide;
			}

		};
	}

	@Override
	public KnnVectorsFormat knnVectorsFormat() {
		return this.vectors;
	}

	private static final class WideFormat extends KnnVectorsFormat {

		private final KnnVectorsFormat delegate;

		WideFormat(KnnVectorsFormat delegate) {
			super(delegate.getName());
			this.delegate = delegate;
		}

		@Override
		public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
			return this.delegate.fieldsWriter(state);
		}

		@Override
		public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
			return this.delegate.fieldsReader(state);
		}

		@Override
		public int getMaxDimensions(String fieldName) {
			return MAX_DIMENSIONS;
		}

	}

}
