/**
 * Wire types shared by every service; JSON on the wire is snake_case of these record components.
 */
package org.supportinbox.contracts;
