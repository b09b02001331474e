package io.noterag.document.job;

import java.util.List;

/**
 * A page of a source's jobs, newest first.
 *
 * @param jobs the jobs on this page
 * @param total how many jobs the source has
 */
public record JobPage(List<JobView> jobs, long total) {

}
