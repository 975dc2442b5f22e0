package org.supportinbox.contracts.rest;

import java.util.List;

/**
 * A page of search hits, newest first; pass {@code nextCursor} back as {@code cursor}, null on the
 * last page.
 */
public record SearchPage(List<SearchResult> results, String nextCursor) {}
