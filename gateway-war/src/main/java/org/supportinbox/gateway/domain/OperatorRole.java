package org.supportinbox.gateway.domain;

import org.supportinbox.contracts.WireEnum;

/** What an operator account may do; its wire form is also the token's role. */
public enum OperatorRole implements WireEnum {
  ADMIN,
  OPERATOR
}
