/** The hostile-input suite: attacks on the running system, one IT per surface. */
package org.supportinbox.hostile;
