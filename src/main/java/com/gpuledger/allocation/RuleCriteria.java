package com.gpuledger.allocation;

import java.util.List;
import java.util.Locale;

import org.springframework.util.PatternMatchUtils;

import com.google.re2j.Pattern;

/**
 * The {@code match:} of a rule: every key given must match (each key matches when any of its values does); a key not
 * given does not constrain; no key at all matches every instance. Host-name globs ({@code *} only) and region, GPU type
 * and instance type compare case-insensitively; instance ids exactly; regexes as written, over the whole host name,
 * by RE2/J in time linear in the name's length whatever the regex (no backtracking).
 * A field the provider did not give (null) never matches.
 */
record RuleCriteria(List<String> hostNames, List<Pattern> hostNameRegexes, List<String> instanceIds, List<String> regions,
        List<String> gpuTypes, List<String> instanceTypes) {

    boolean matches(Subject subject) {
        return (hostNames.isEmpty() || subject.hostName() != null
                        && hostNames.stream().anyMatch(glob -> PatternMatchUtils.simpleMatchIgnoreCase(glob, subject.hostName())))
                && (hostNameRegexes.isEmpty() || subject.hostName() != null
                        && hostNameRegexes.stream().anyMatch(regex -> regex.matcher(subject.hostName()).matches()))
                && (instanceIds.isEmpty() || instanceIds.contains(subject.instanceId()))
                && equalIgnoringCase(regions, subject.region())
                && equalIgnoringCase(gpuTypes, subject.gpuType())
                && equalIgnoringCase(instanceTypes, subject.instanceType());
    }

    private static boolean equalIgnoringCase(List<String> accepted, String value) {
        if (accepted.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return accepted.stream().anyMatch(candidate -> candidate.toLowerCase(Locale.ROOT).equals(lower));
    }
}
