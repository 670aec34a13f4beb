package org.moot.web.pages;

import java.util.List;
import org.moot.schema.Page;
import org.moot.web.Chrome;

/** The view record of missing.jte: a helpful 404. */
public record MissingModel(Chrome chrome, String asked, List<Page> suggestions) {}
