package org.supportinbox.gateway.api.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.supportinbox.gateway.config.GatewayConfig;

/**
 * The client address a request is counted by in lock-outs and rate limits: the TCP peer, or the
 * client a trusted proxy names in X-Forwarded-For ({@code TRUSTED_PROXIES}, {@link
 * org.supportinbox.gateway.domain.TrustedProxies}).
 */
@ApplicationScoped
public class ClientAddresses {

  static final String FORWARDED_FOR = "X-Forwarded-For";

  @Inject GatewayConfig config;

  /** The client of {@code request}. */
  public String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (config.trustedProxies().isEmpty()) {
      return peer;
    }
    List<String> forwarded = Collections.list(request.getHeaders(FORWARDED_FOR));
    return config.trustedProxies().client(peer, forwarded);
  }
}
