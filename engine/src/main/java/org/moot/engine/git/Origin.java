package org.moot.engine.git;

/** What is moving main and for whom ({@code actor}: an account name, empty for the site itself). */
public record Origin(ChangeSource source, String actor) {

    public static Origin site(ChangeSource source) {
        return new Origin(source, "");
    }
}
