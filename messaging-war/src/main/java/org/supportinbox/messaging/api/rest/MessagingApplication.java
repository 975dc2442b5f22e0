package org.supportinbox.messaging.api.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The API lives at the root of messaging's origin (port 8001 by default). */
@ApplicationPath("/")
public class MessagingApplication extends Application {}
