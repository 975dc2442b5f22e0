/** Request-independent REST read models and the error body every service answers with. */
package org.supportinbox.contracts.rest;
