package dev.eider.runtime.admin;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;

/**
 * One admin request as the router sees it.
 *
 * @param body the first {@link AdminRouter#MAX_BODY} bytes of the body at most
 * @param bodyTooLarge true when the body had more bytes than that
 * @param client tells a long-running route (a query) that the client hung up
 */
record AdminRequest(String method, URI uri, HttpHeaders headers, byte[] body, boolean bodyTooLarge, ClientGone client) {}
