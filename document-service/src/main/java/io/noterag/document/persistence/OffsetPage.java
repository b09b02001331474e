package io.noterag.document.persistence;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A page given by offset and limit, as the API takes them, rather than by page number.
 */
public record OffsetPage(long offset, int limit) implements Pageable {

	@Override
	public int getPageNumber() {
		return (int) (this.offset / this.limit);
	}

	@Override
	public int getPageSize() {
		return this.limit;
	}

	@Override
	public long getOffset() {
		return this.offset;
	}

	@Override
	public Sort getSort() {
		return Sort.unsorted();
	}

	@Override
	public Pageable next() {
		return new OffsetPage(this.offset + this.limit, this.limit);
	}

	@Override
	public Pageable previousOrFirst() {
		return new OffsetPage(Math.max(0, this.offset - this.limit), this.limit);
	}

	@Override
	public Pageable first() {
		return new OffsetPage(0, this.limit);
	}

	@Override
	public Pageable withPage(int pageNumber) {
		return new OffsetPage((long) pageNumber * this.limit, this.limit);
	}

	@Override
	public boolean hasPrevious() {
		return this.offset > 0;
	}

}
