package org.moot.engine.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's score of a snippet's passage, without the 32 KB hash table it makes for each one to
 * count the passage's distinct words: a common word gives a hit dozens of passages, and at 100,000
 * pages those tables were a third of all a search allocated, and a collector busy in the
 * background. A passage holds a few matches, so counting them pairwise is cheaper still (Lucene's own
 * counts the rare passage with many).
 */
final class PassageScore extends PassageScorer {

    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        if (matches > 32) {
            return super.score(passage, contentLength); // a text without spaces is one long passage: pairs would grow as its square
        }
        BytesRef[] terms = passage.getMatchTerms();
        boolean[] counted = new boolean[matches];
        double score = 0;
        for (int i = 0; i < matches; i++) {
            if (counted[i]) {
                continue;
            }
            int freq = 0;
            for (int j = i; j < matches; j++) {
                if (!counted[j] && terms[j].bytesEquals(terms[i])) {
                    counted[j] = true;
                    freq++;
                }
            }
            // The same sum as Lucene's, term by term in the order first matched: the same score, to the bit.
            score += tf(freq, passage.getLength()) * weight(contentLength, passage.getMatchTermFreqsInDoc()[i]);
        }
        return (float) (score * norm(passage.getStartOffset()));
    }
}
