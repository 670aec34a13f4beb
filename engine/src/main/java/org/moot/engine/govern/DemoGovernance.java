package org.moot.engine.govern;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.access.Access;
import org.moot.engine.access.Role;
import org.moot.engine.access.Roles;
import org.moot.engine.access.Secrets;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Origin;
import org.moot.engine.govern.Proceeding.Entrant;
import org.moot.engine.govern.Proceeding.Phase;
import org.moot.engine.govern.Proceeding.Scale;
import org.moot.engine.govern.Proceeding.Type;

/**
 * The demo site's governance: its settings, a past election counted by the same rules as a real
 * one (its ballots are the demo's own), and a live straw poll; committed as the site would have.
 */
public final class DemoGovernance {

    static final String SETTINGS = """
            # How members govern this site. Only the council and admins change this file, in public commits.
            # The demo lets new members vote and stand at once; a real site would wait some days.
            roles:
              moderator: {seats: 3, term-days: 365, by: election}
              council: {seats: 3, term-days: 365, by: sortition}
            stand-after-days: 0
            vote-after-days: 0
            nomination-days: 7
            voting-days: 7
            quorum-percent: 10
            recall-percent: 10
            recall-window-days: 14
            recall-majority-percent: 50
            poll-branch-minimum: 5
            """;

    /** The page the live poll is on. */
    public static final String POLL_PAGE = "health/primary-care/direction-evening-weekend-appointments";

    private DemoGovernance() {}

    public static void commit(MainWriter main, Roles roles, Instant now) {
        // It closes as the site is made, so that its dates and its commit's agree.
        Instant opened = now.minus(Duration.ofDays(14));
        Proceeding.Rules rules = Proceeding.Rules.of(GovernanceSettings.read(SETTINGS).settings());
        Proceeding election = new Proceeding(1, Type.ELECTION, Phase.VOTING, "Election for 2 moderator seats", Optional.of(Role.MODERATOR), 2,
                "", Scale.CANDIDATES, "Opened because 2 of 3 seats were empty", "site", opened, opened.plus(Duration.ofDays(7)),
                now, rules, List.of(new Entrant("priya", "I have moderated our branch list for three years, and I log every call I make."),
                        new Entrant("tom", "Every side gets a hearing; I will hide only what breaks the rules."),
                        new Entrant("dana", "I would like moderation to be quicker to restore comments after review.")), Optional.empty());
        Map<String, BallotBox.Cast> ballots = new LinkedHashMap<>();
        ballots.put("admin", cast("priya", "tom"));
        ballots.put("dana", cast("dana", "priya"));
        ballots.put("priya", cast("priya"));
        ballots.put("tom", cast("tom"));
        Proceeding closed = election.closed(Tally.election(election, ballots, 4, 2, name -> true, now));
        Roles elected = roles;
        for (String name : List.of("priya", "tom", "dana")) {
            elected = elected.with(name, closed.outcome().orElseThrow().chosen().contains(name)
                    ? EnumSet.of(Role.MEMBER, Role.MODERATOR) : EnumSet.of(Role.MEMBER));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(GovernanceSettings.PATH, SETTINGS.getBytes(StandardCharsets.UTF_8));
        files.put(Proceeding.path(1), closed.toYaml().getBytes(StandardCharsets.UTF_8));
        files.put(Roles.PATH, elected.toYaml().getBytes(StandardCharsets.UTF_8));
        main.commit(Origin.site(ChangeSource.GOVERNANCE), tip -> Optional.of(new MainWriter.Change(files, Access.site(),
                closed.title() + ": " + closed.outcome().orElseThrow().result())));

        Proceeding poll = new Proceeding(2, Type.POLL, Phase.VOTING, "Should evening and weekend appointments be our commitment for 2028?",
                Optional.empty(), 0, POLL_PAGE, Scale.FIVE, "", "admin", now, now, now.plus(Duration.ofDays(30)), rules, List.of(), Optional.empty());
        main.commit(new Origin(ChangeSource.GOVERNANCE, "admin"), tip -> Optional.of(new MainWriter.Change(
                Map.of(Proceeding.path(2), poll.toYaml().getBytes(StandardCharsets.UTF_8)),
                new PersonIdent("Site admin", "admin" + org.moot.engine.access.User.EMAIL_DOMAIN),
                "admin opens a straw poll on " + POLL_PAGE + ": " + poll.title())));
    }

    private static BallotBox.Cast cast(String... approved) {
        return new BallotBox.Cast(Secrets.random(12), List.of(approved), "", "", "");
    }
}
