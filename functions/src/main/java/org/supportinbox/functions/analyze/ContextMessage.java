package org.supportinbox.functions.analyze;

/**
 * An earlier message of the conversation, shown to the model as context.
 *
 * @param sender {@code customer} or {@code operator} (the {@code Sender} wire values); anything
 *     else is shown as {@code customer}, the side we trust less
 * @param senderName display name, may be null or blank
 * @param content the message text, may be null
 */
public record ContextMessage(String sender, String senderName, String content) {}
