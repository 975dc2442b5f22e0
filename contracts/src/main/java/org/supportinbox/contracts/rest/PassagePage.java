package org.supportinbox.contracts.rest;

import java.util.List;

/**
 * One page of changes to the knowledge-base index ({@code GET /kb/passages?after=&limit=}), in
 * revision order.
 *
 * @param revision the revision to ask after for the next page: the last set's, or the {@code after}
 *     asked for when the page is empty
 * @param more whether sets after this page exist already
 */
public record PassagePage(List<PassageSetView> sets, long revision, boolean more) {}
