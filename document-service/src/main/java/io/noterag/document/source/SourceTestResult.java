package io.noterag.document.source;

/**
 * The outcome of testing a source's configuration and credentials now.
 *
 * @param ok whether the worker could authenticate and reach the source
 * @param error what went wrong, or {@code null}
 * @param reconnectRequired whether an administrator must connect the account again
 */
public record SourceTestResult(boolean ok, String error, boolean reconnectRequired) {

}
