/** Messaging's REST API as the functions call it, with the replica's own signed token. */
package org.supportinbox.functions.messaging;
