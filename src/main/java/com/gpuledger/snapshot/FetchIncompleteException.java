package com.gpuledger.snapshot;

import java.time.LocalDate;
import java.util.List;

/**
 * The fetch step found targets of the date's work list neither captured nor recorded as failed after a pass of the
 * workers that settled none of them: the step fails rather than complete with an instance silently left out.
 */
public class FetchIncompleteException extends RuntimeException {

    FetchIncompleteException(LocalDate reportDate, int pending, List<String> firstPending) {
        super("the fetch of " + reportDate + " left " + pending + " instances neither captured nor recorded as failed"
                + " (first: " + String.join(", ", firstPending) + "); running the date again fetches them");
    }
}
