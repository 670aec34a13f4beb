package org.moot.engine.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassageScoreTest {

    @Test
    void scoresEveryPassageExactlyAsLuceneDoes() {
        Random random = new Random(7);
        String[] words = {"fee", "fees", "tuition", "free", "university"};
        for (int round = 0; round < 2_000; round++) {
            Passage passage = new Passage();
            int start = random.nextInt(5_000);
            passage.setStartOffset(start);
            passage.setEndOffset(start + 200 + random.nextInt(240));
            for (int m = random.nextInt(40), at = start; m > 0; m--, at += 5) { // past 32, Lucene's own counts
                String word = words[random.nextInt(words.length)];
                // a word's frequency in the document is the same at each of its matches, as in a real hit
                passage.addMatch(at, at + word.length(), new BytesRef(word), 1 + word.length() * 7);
            }
            int contentLength = 5_000 + random.nextInt(20_000);
            assertThat(new PassageScore().score(passage, contentLength))
                    .as("passage %s", passage).isEqualTo(new PassageScorer().score(passage, contentLength));
        }
    }
}
