package dev.eider.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The file-root rule for object-store roots (local roots are covered through real files in AdminQueryTest). */
class ReadOnlyGuardFileRootTest {
    private static final String ROOT = "s3://bucket/eider";

    @Test
    void objectsUnderTheRootPrefixAreTheTargetsOwn() {
        assertTrue(ReadOnlyGuard.isUnder("s3://bucket/eider/otlp_logs/year=2023/month=11/day=15/a_0.parquet", ROOT));
        assertTrue(ReadOnlyGuard.isUnder("s3://bucket/eider/otlp_logs/a.parquet", ROOT + "/"));
    }

    @Test
    void otherPrefixesBucketsSchemesAndDotSegmentsAreNot() {
        for (String file : new String[] {
                "s3://bucket/eider-other/a.parquet",
                "s3://bucket/other/a.parquet",
                "s3://other/eider/a.parquet",
                "gcs://bucket/eider/a.parquet",
                "s3://bucket/eider",
                "s3://bucket/eider/../other/a.parquet",
                "s3://bucket/eider/./a.parquet",
                "s3://bucket/eider//a.parquet",
                "/bucket/eider/a.parquet"}) {
            assertFalse(ReadOnlyGuard.isUnder(file, ROOT), file);
        }
    }
}
