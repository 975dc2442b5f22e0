/**
 * The feedback loop's functions side: the admins' approved intent corrections, read from messaging
 * ({@code GET /ai/examples}) and added to the embedded analyzer's examples without a restart.
 */
package org.supportinbox.functions.analyze.feedback;
