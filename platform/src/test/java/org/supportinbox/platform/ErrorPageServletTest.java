package org.supportinbox.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.rest.ErrorBody;

class ErrorPageServletTest {

  @Test
  void theBodyHasTheCodeOfJaxRsErrorsAndOnlyTheReasonPhrase() {
    assertEquals(
        new ErrorBody("not_found", "HTTP 404 Not Found", null), ErrorPageServlet.body(404));
    assertEquals(
        new ErrorBody("method_not_allowed", "HTTP 405 Method Not Allowed", null),
        ErrorPageServlet.body(405));
    assertEquals(
        new ErrorBody("internal_error", "HTTP 500 Internal Server Error", null),
        ErrorPageServlet.body(500));
  }

  @Test
  void aStatusWithoutAKnownReasonKeepsItsNumberOnly() {
    assertEquals(new ErrorBody("bad_request", "HTTP 499", null), ErrorPageServlet.body(499));
  }
}
