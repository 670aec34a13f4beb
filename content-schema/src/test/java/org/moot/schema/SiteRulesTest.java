package org.moot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteRulesTest {

    private static List<String> check(Map<String, String> files) {
        var result = SiteCheck.check(List.copyOf(files.keySet()), path -> PageParser.parse(path, files.get(path)));
        return result.violations().stream().map(Violation::toString).toList();
    }

    private static Map<String, String> site(String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.md", "---\ntitle: Home\n---\n");
        files.put("health/index.md", "---\ntitle: Health\nkind: topic\n---\n");
        files.put("health/paper.md", "---\ntitle: A paper\nkind: paper\n---\n");
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    @Test
    void aConsistentSiteHasNoProblems() {
        assertThat(check(site(
                "health/response.md", "---\ntitle: R\nkind: response\nresponds-to: health/paper\n---\n",
                "health/for.md", "---\ntitle: F\nkind: argument\nstance: for\non: health/paper\n---\n",
                "health/against-for.md", "---\ntitle: A\nkind: argument\nstance: against\non: health/for\n---\n",
                "health/synth.md", "---\ntitle: S\nkind: synthesis\ntheme: health\ndraws-on: [health/response]\n---\n",
                "housing/index.md", "---\ntitle: Housing\nkind: topic\nparents: [health]\n---\n"))).isEmpty();
    }

    @Test
    void respondsToMustNameAPaper() {
        assertThat(check(site("health/r.md", "---\ntitle: R\nkind: response\nresponds-to: health\n---\n",
                "health/r2.md", "---\ntitle: R\nkind: response\nresponds-to: health/gone\n---\n"))).containsExactly(
                "health/r.md:4: 'responds-to' names 'health', which is a topic, not a paper",
                "health/r2.md:4: 'responds-to' names 'health/gone', which is not a page on this site");
    }

    @Test
    void argumentsMustBeOnAnExistingPage() {
        assertThat(check(site("health/a.md", "---\ntitle: A\nkind: argument\nstance: for\non: health/nowhere\n---\n")))
                .containsExactly("health/a.md:5: 'on' names 'health/nowhere', which is not a page on this site");
    }

    @Test
    void aLinkedArgumentMustNameExistingPagesOtherThanItsOwn() {
        assertThat(check(site("health/a.md", "---\ntitle: A\nkind: argument\nstance: for\non: health/paper\n"
                + "also-on: [health/gone, health/paper]\n---\n"))).containsExactly(
                "health/a.md:6: 'also-on' names 'health/gone', which is not a page on this site",
                "health/a.md:6: 'also-on' names 'health/paper', where the argument already is");
    }

    @Test
    void argumentsThatAnswerEachOtherInACircleAreRefused() {
        assertThat(check(site(
                "health/a.md", "---\ntitle: A\nkind: argument\nstance: for\non: health/c\n---\n",
                "health/b.md", "---\ntitle: B\nkind: argument\nstance: against\non: health/a\n---\n",
                "health/c.md", "---\ntitle: C\nkind: argument\nstance: for\non: health/b\n---\n",
                "health/d.md", "---\ntitle: D\nkind: argument\nstance: for\non: health/c\n---\n"))).containsExactly(
                "health/a.md:5: 'on' makes a cycle of arguments: health/a → health/c → health/b → health/a",
                "health/b.md:5: 'on' makes a cycle of arguments: health/b → health/a → health/c → health/b",
                "health/c.md:5: 'on' makes a cycle of arguments: health/c → health/b → health/a → health/c");
        // A link counts as much as a reply: linking an argument under its own reply makes a circle too.
        assertThat(check(site(
                "health/x.md", "---\ntitle: X\nkind: argument\nstance: for\non: health/paper\nalso-on: [health/y]\n---\n",
                "health/y.md", "---\ntitle: Y\nkind: argument\nstance: against\non: health/x\n---\n"))).containsExactly(
                "health/x.md:5: 'on' makes a cycle of arguments: health/x → health/y → health/x",
                "health/y.md:5: 'on' makes a cycle of arguments: health/y → health/x → health/y");
    }

    @Test
    void synthesisNeedsATopicAndResponses() {
        assertThat(check(site("health/s.md",
                "---\ntitle: S\nkind: synthesis\ntheme: health/paper\ndraws-on:\n  - health/paper\n---\n")))
                .containsExactly(
                        "health/s.md:4: 'theme' names 'health/paper', which is a paper, not a topic",
                        "health/s.md:6: 'draws-on' names 'health/paper', which is a paper, not a response");
    }

    @Test
    void parentsMustExist() {
        assertThat(check(site("health/x.md", "---\ntitle: X\nparents:\n  - housing\n---\n")))
                .containsExactly("health/x.md:4: 'parents' names 'housing', which is not a page on this site");
    }

    @Test
    void parentCyclesAreRefused() {
        // health/x's folder is health; health names health/x as a parent: health → health/x → health.
        assertThat(check(site(
                "health/index.md", "---\ntitle: Health\nkind: topic\nparents: [health/x]\n---\n",
                "health/x.md", "---\ntitle: X\n---\n"))).containsExactly(
                "health/index.md:4: 'parents' makes a cycle: health → health/x → health");
    }

    @Test
    void redirectsMayNotShadowPagesOrEachOther() {
        assertThat(check(site(
                "health/a.md", "---\ntitle: A\nredirect-from: [health/paper, health/old]\n---\n",
                "health/b.md", "---\ntitle: B\nredirect-from: [health/old]\n---\n"))).containsExactly(
                "health/a.md:3: 'redirect-from' names 'health/paper', which is still a page",
                "health/b.md:3: 'redirect-from' names 'health/old', which health/a.md also claims");
    }

    @Test
    void fileNamesMustMakeUniqueIds() {
        assertThat(check(site("health.md", "---\ntitle: Also health\n---\n", "bad name!.md", "x")))
                .containsExactly(
                        "bad name!.md:1: the file name does not make a valid page id: use lower-case letters a-z, digits and '-' in each folder and file name",
                        "health/index.md:1: this file and health.md are both page 'health'");
    }
}
