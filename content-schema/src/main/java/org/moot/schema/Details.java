package org.moot.schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The fields that only one kind of page has. */
public sealed interface Details {

    /** Topics and plain pages carry no fields of their own. */
    record None() implements Details {}

    record Paper(List<String> authors, Optional<PaperStatus> status, List<Source> sources) implements Details {}

    record Response(Optional<PageId> respondsTo) implements Details {}

    record Synthesis(Optional<PageId> theme, List<PageId> drawsOn) implements Details {}

    /** {@code value} keeps the figure as written ("4.30" stays "4.30"). */
    record Fact(String value, String unit, Optional<LocalDate> asOf, List<Source> sources) implements Details {}

    /** {@code alsoOn}: further pages the argument is shown on, as a link (as Kialo links one claim into several debates). */
    record Argument(Optional<Stance> stance, Optional<PageId> on, List<PageId> alsoOn, List<Source> sources) implements Details {}

    /** A call for papers ("we need a paper on rural bus services") or for help; papers answer it by naming it in {@code parents}. */
    record Call(Optional<Wants> wants, List<String> skills, Optional<String> timeNeeded, Optional<java.time.LocalDate> deadline,
                Optional<CallStatus> status) implements Details {}

    enum Wants { PAPER, HELP }

    enum CallStatus { OPEN, FILLED, CLOSED }

    enum PaperStatus { SUBMITTED, ACCEPTED, COMMISSIONED, WITHDRAWN }

    enum Stance { FOR, AGAINST }
}
