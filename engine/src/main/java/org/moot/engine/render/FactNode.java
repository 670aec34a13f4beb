package org.moot.engine.render;

import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/** {@code {{fact:ID}}} in the Markdown AST: replaced by the fact's current value when rendered. */
final class FactNode extends Node {

    private final String factId;

    FactNode(BasedSequence chars, String factId) {
        super(chars);
        this.factId = factId;
    }

    String factId() {
        return factId;
    }

    @Override
    public BasedSequence[] getSegments() {
        return EMPTY_SEGMENTS;
    }
}
