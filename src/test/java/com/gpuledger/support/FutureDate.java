package com.gpuledger.support;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** A date the command line accepts (tomorrow wherever that is) that a run refuses as future in any time zone. */
public final class FutureDate {

    private FutureDate() {
    }

    /** {@code --date=} tomorrow at UTC+18: the run migrates, then is refused (exit 64). */
    public static String refusedRunDate() {
        return "--date=" + LocalDate.now(ZoneOffset.MAX).plusDays(1);
    }
}
