package org.supportinbox.contracts.ws;

/**
 * Every frame of {@code /ws}, either way: {@code {type, data}}. Several frames that go out together
 * are one {@code {"type": "batch", "data": [frame, ...]}}.
 */
public record Frame<T>(String type, T data) {}
