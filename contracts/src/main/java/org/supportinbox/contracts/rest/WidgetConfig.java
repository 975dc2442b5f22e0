package org.supportinbox.contracts.rest;

/**
 * What the embeddable widget's script asks the gateway for ({@code GET /widget/config}), answered
 * only to sites in {@code WIDGET_ALLOWED_ORIGINS}: the path of the chat page it frames, and the
 * launcher's label.
 */
public record WidgetConfig(String chatPath, String label) {}
