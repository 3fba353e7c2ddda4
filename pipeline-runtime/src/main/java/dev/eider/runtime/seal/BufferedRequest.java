package dev.eider.runtime.seal;

import dev.eider.runtime.table.TableBatches;

/** One accepted request in a pipeline buffer: its rows and the admission bytes it holds. */
record BufferedRequest(long index, TableBatches batches, long reservedBytes, long rows, long heapBytes, long addedNanos) {}
