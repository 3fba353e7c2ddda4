package dev.eider.runtime.admin;

/**
 * A query's answer body in one format.
 *
 * @param rowCount rows in the body
 * @param truncated true when the result had more rows than the row limit let through
 */
record QueryOutput(byte[] body, long rowCount, boolean truncated) {}
