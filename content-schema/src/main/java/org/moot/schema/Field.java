package org.moot.schema;

import java.util.List;
import java.util.Optional;

/**
 * One front-matter field, described once ({@link Fields} lists them): the parser checks a file
 * against it, the editor draws its input from it, the JSON Schema for people's own tools is
 * written from it, and search indexes it under its name.
 *
 * @param whenMissing what the parser says when a required field is missing; empty when optional
 * @param choices for {@link Shape#CHOICE}: the values allowed, the first being the editor's default
 */
public record Field(String name, Shape shape, String label, String help, Optional<String> whenMissing, List<String> choices) {

    public enum Shape {
        /** One line of text. */
        LINE,
        /** A figure, kept as written ("4.30" stays "4.30"). */
        FIGURE,
        /** A date, YYYY-MM-DD. */
        DATE,
        /** One of the field's choices. */
        CHOICE,
        /** A page id. */
        ID,
        /** Page ids; one id alone is read as a list of one. */
        IDS,
        /** One-line texts; one text alone is read as a list of one. */
        TEXTS,
        /** Sources, each with a title, a url, when it was accessed and its type. */
        SOURCES;

        public boolean isList() {
            return this == IDS || this == TEXTS || this == SOURCES;
        }

        /** Matched as a whole in search ({@code stance:against}) rather than word by word. */
        public boolean isKeyword() {
            return this == CHOICE || this == ID || this == IDS || this == DATE;
        }
    }

    public Field {
        choices = List.copyOf(choices);
    }

    public boolean required() {
        return whenMissing.isPresent();
    }
}
